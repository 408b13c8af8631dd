using NixGen.Config;

namespace NixGen.Rendering;

/// <summary>What the CI templates print; derived from the flake's own model so the two never disagree.</summary>
internal sealed record CiModel(
    string DefaultBranch,
    string? Cache,
    string NixgenInstall,
    string GoVersion,
    IReadOnlyList<MatrixEntry> Matrix,
    IReadOnlyList<string> WatchedFiles);
