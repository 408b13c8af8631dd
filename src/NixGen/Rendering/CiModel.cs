using NixGen.Config;

namespace NixGen.Rendering;

/// <summary>What the CI templates print; derived from the flake's own model so the two never disagree.</summary>
internal sealed record CiModel(
    string DefaultBranch,
    string? Cache,
    string NixgenInstall,
    string GoVersion,
    IReadOnlyList<MatrixEntry> Matrix,
    IReadOnlyList<string> WatchedFiles)
{
    /// <summary>The nixgen release that renders the workflows: CI installs exactly it.</summary>
    public string NixgenVersion { get; init; } = "0.1.0";

    /// <summary>True when the repository's tool manifest pins nixgen: CI runs <c>dotnet tool restore</c> and <c>dotnet nixgen</c>.</summary>
    public bool ToolManifest { get; init; }

    /// <summary><c>sbom: true</c>: each build also builds the package's SBOM and uploads it as an artifact.</summary>
    public bool Sbom { get; init; }

    /// <summary>How a workflow step invokes nixgen.</summary>
    public string NixgenCommand => NixgenInstall == "devshell" ? "nix develop --command nixgen" : ToolManifest ? "dotnet nixgen" : "nixgen";
}
