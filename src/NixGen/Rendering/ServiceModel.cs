namespace NixGen.Rendering;

/// <summary>One service's buildGoModule call.</summary>
/// <param name="Attr">Its attribute name (quoted when it is not an identifier).</param>
/// <param name="Name">Its name as the user sees it (package name, CI matrix), not escaped.</param>
/// <param name="BuilderArgs">The argument of <c>buildGoModuleWith</c>: <c>{ }</c>, <c>{ cgo = 1; }</c>, a Go minimum.</param>
internal sealed record ServiceModel(
    string Attr,
    string Name,
    string Pname,
    IReadOnlyList<string> SrcInclude,
    IReadOnlyList<string> SrcExclude,
    bool SrcExcludesGenerated,
    string ModRoot,
    IReadOnlyList<string> SubPackages,
    string VendorHash,
    bool ProxyVendor,
    IReadOnlyList<string> Ldflags,
    IReadOnlyList<string> Tags,
    bool Cgo,
    bool DoCheck,
    string Description,
    string MainProgram,
    string HashNote,
    ImageModel? Image,
    string BuilderArgs,
    string? GoComment,
    IReadOnlyList<CrossPackageModel> Cross)
{
    /// <summary>
    /// For a service built as one package per binary: the name of the shared vendor derivation (a Nix string), so
    /// every binary's package uses one fixed-output derivation, one store path. Null otherwise.
    /// </summary>
    public string? ModulesName { get; init; }

    /// <summary>Modules mode: the service's module versions (Nix strings, <c>"path@version"</c>) whose files make its vendor/; else null.</summary>
    public IReadOnlyList<string>? Modules { get; init; }

    /// <summary><c>sbom: true</c>: the argument of <c>sbomPassthru</c> (a Nix attribute set), else null.</summary>
    public string? Sbom { get; init; }
}
