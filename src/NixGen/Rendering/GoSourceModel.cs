namespace NixGen.Rendering;

/// <summary>A Go source release the flake may build (<c>goSource: upstream</c>): a Go minimum, its release and the tarball's SRI hash.</summary>
internal sealed record GoSourceModel(string Minimum, string Release, string Hash);
