namespace NixGen.Trust;

/// <summary>The names nixgen writes under besides a module file (any other <c>.nix</c> path, from <c>outputFile</c>).</summary>
internal static class OutputNames
{
    public static readonly IReadOnlyList<string> Fixed =
    [
        "flake.nix", "default.nix", "nixgen.lock", "nixgen.yaml", "renovate.json", "nix/go-modules.json", "nix/go-sbom.json",
        ".github/workflows/nix.yml", ".github/workflows/nixgen-dependabot.yml", ".gitlab/nixgen.yml", ".gitlab-ci.yml",
    ];
}
