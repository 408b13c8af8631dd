namespace NixGen.Config;

/// <summary>Generated CI glue: the GitHub Actions workflow, and the dependency-bot hooks that run <c>nixgen update</c>.</summary>
internal sealed record CiConfig(string Provider, string DefaultBranch, bool Renovate, bool Dependabot, string NixgenInstall)
{
    public bool Enabled => Provider != "none";
}
