namespace NixGen.Config;

/// <summary>
/// Generated CI glue: the GitHub Actions workflow, the GitLab CI pipeline, and the dependency-bot hooks that run
/// <c>nixgen update</c>.
/// </summary>
/// <param name="Providers">The forges to generate CI for, sorted (<c>ci.provider: github</c>, <c>gitlab</c> or both); empty for none.</param>
internal sealed record CiConfig(IReadOnlyList<string> Providers, string DefaultBranch, bool Renovate, bool Dependabot, string NixgenInstall)
{
    public bool Enabled => Providers.Count > 0;

    public bool GitHub => Providers.Contains("github");

    public bool GitLab => Providers.Contains("gitlab");

    /// <summary>GitLab: the tags of the runners that run nixgen and build (<c>ci.runnerTags</c>, default <c>[nix]</c>).</summary>
    public IReadOnlyList<string> RunnerTags { get; init; } = ["nix"];
}
