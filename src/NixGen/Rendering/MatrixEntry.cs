namespace NixGen.Rendering;

/// <summary>One job of the build matrix: a flake package and the runner that builds it (plain values).</summary>
internal sealed record MatrixEntry(string Package, string Os);
