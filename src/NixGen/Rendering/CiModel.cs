namespace NixGen.Rendering;

/// <summary>What the CI templates print; derived from the flake's own model so the two never disagree.</summary>
/// <param name="Jobs">The build jobs (package and runner, plain values): <c>json.flow jobs</c> writes them as JSON.</param>
internal sealed record CiModel(
    string DefaultBranch,
    string? Cache,
    string NixgenInstall,
    string GoVersion,
    IReadOnlyList<MatrixEntry> Jobs,
    IReadOnlyList<string> WatchedFiles)
{
    /// <summary>The nixgen release that renders the workflows: CI installs exactly it.</summary>
    public string NixgenVersion { get; init; } = "0.1.0";

    /// <summary>True when the repository's tool manifest pins nixgen: CI runs <c>dotnet tool restore</c> and <c>dotnet nixgen</c>.</summary>
    public bool ToolManifest { get; init; }

    /// <summary><c>sbom: true</c>: each build also builds the package's SBOM and uploads it as an artifact.</summary>
    public bool Sbom { get; init; }

    /// <summary>GitLab: the runners' tags (<c>ci.runnerTags</c>), plain.</summary>
    public IReadOnlyList<string> Tags { get; init; } = ["nix"];

    /// <summary>GitLab: the runners' tags for a comment (<c>nix</c>, <c>nix and linux</c>).</summary>
    public string RunnerTagsText { get; init; } = "nix";

    /// <summary>The default branch (<c>ci.defaultBranch</c>), plain: <see cref="DefaultBranch"/> is it as a YAML scalar.</summary>
    public string Branch { get; init; } = "main";

    /// <summary>GitLab: the prefix that runs a command with the flake's Go on PATH (its dev shell, or nixpkgs' Go series).</summary>
    public string GoShell { get; init; } = "";

    /// <summary>
    /// GitHub: <c> --system X</c> for each system of nixgen.yaml: the plan skips a package only when every runner that
    /// builds it would find it in a cache.
    /// </summary>
    public string CacheSystems { get; init; } = "";

    /// <summary>How a workflow step invokes nixgen.</summary>
    public string NixgenCommand => NixgenInstall == "devshell" ? "nix develop --command nixgen" : ToolManifest ? "dotnet nixgen" : "nixgen";
}
