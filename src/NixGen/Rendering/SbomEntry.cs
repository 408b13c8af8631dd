namespace NixGen.Rendering;

/// <summary>Where a package's SBOM data sits in nix/go-sbom.json: its service and its main packages (space-separated), plain.</summary>
internal sealed record SbomEntry(string Service, string Mains);
