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
}
