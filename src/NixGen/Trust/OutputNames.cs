namespace NixGen.Trust;

/// <summary>
/// The one registry of the files nixgen writes (besides a module file at <c>outputFile</c>, any other <c>.nix</c>
/// path): every stage names them from here, and the trust boundary lets nixgen write or remove nothing else.
/// </summary>
internal static class OutputNames
{
    public const string Flake = "flake.nix";

    public const string Lock = "nixgen.lock";

    public const string Config = "nixgen.yaml";

    /// <summary>Flake mode's optional entry for <c>nix-build</c>.</summary>
    public const string DefaultNix = "default.nix";

    public const string Renovate = "renovate.json";

    /// <summary>Modules mode: the hash of every module file.</summary>
    public const string ModulesData = "nix/go-modules.json";

    /// <summary>The SBOM data of every package (<c>sbom: true</c>).</summary>
    public const string SbomData = "nix/go-sbom.json";

    /// <summary>The workflow nixgen generates for GitHub Actions.</summary>
    public const string GitHubWorkflow = ".github/workflows/nix.yml";

    public const string DependabotWorkflow = ".github/workflows/nixgen-dependabot.yml";

    /// <summary>GitLab: the jobs nixgen generates, for the team's <c>.gitlab-ci.yml</c> to include.</summary>
    public const string GitLabJobs = ".gitlab/nixgen.yml";

    /// <summary>GitLab's entry file: written only where the repository has none of its own (it includes <see cref="GitLabJobs"/>).</summary>
    public const string GitLabEntry = ".gitlab-ci.yml";

    public static readonly IReadOnlyList<string> Fixed =
    [
        Flake, DefaultNix, Lock, Config, Renovate, ModulesData, SbomData, GitHubWorkflow, DependabotWorkflow, GitLabJobs, GitLabEntry,
    ];
}
