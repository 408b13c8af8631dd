namespace NixGen.Rendering;

/// <summary>Everything the flake template prints, already escaped for Nix where it is text.</summary>
/// <param name="GoRequired">A Nix string literal with the minimum Go version, or null for nixpkgs' default <c>go</c>.</param>
/// <param name="UsesRev">Whether some service embeds the commit (<c>commitVariables</c>), so the flake binds <c>rev</c>.</param>
/// <param name="GeneratedFiles">nixgen's own files as Nix paths, when some service's source includes the repository root.</param>
/// <param name="OverlayAttr">The attribute under which <c>overlays.default</c> puts the services.</param>
public sealed record FlakeModel(
    string Description,
    string Nixpkgs,
    IReadOnlyList<string> Systems,
    IReadOnlyList<string> Substituters,
    IReadOnlyList<string> PublicKeys,
    string? GoRequired,
    string GoComment,
    IReadOnlyList<ServiceModel> Services,
    string? DefaultService,
    IReadOnlyList<CrossModel> Cross,
    bool AnyImages,
    IReadOnlyList<string> DevShellPackages,
    string Version,
    bool UsesRev,
    string? NixgenFlake,
    bool AnyCross,
    IReadOnlyList<string> GeneratedFiles,
    string OverlayAttr,
    bool ChecksCross,
    bool ChecksImages);

/// <summary>One service's buildGoModule call.</summary>
/// <param name="Attr">Its attribute name (quoted when it is not an identifier).</param>
/// <param name="Name">Its name as the user sees it (package name, CI matrix), not escaped.</param>
/// <param name="BuilderArgs">The argument of <c>buildGoModuleWith</c>: <c>{ }</c>, <c>{ cgo = 1; }</c>, a Go minimum.</param>
public sealed record ServiceModel(
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
    IReadOnlyList<CrossPackageModel> Cross);

/// <summary>A cross target: <c>&lt;service&gt;-&lt;goos&gt;-&lt;goarch&gt;</c>; <see cref="Binding"/> names its package set.</summary>
public sealed record CrossModel(string Goos, string Goarch)
{
    public string Binding => $"{Goos}-{Goarch}";
}

/// <summary>One service's package for one cross target.</summary>
/// <param name="Attr">The package's attribute name, quoted whole when needed.</param>
/// <param name="Name">The package name, not escaped.</param>
public sealed record CrossPackageModel(string Attr, string Name, string Binding, string Goos, string Goarch);

/// <summary>An OCI image built with dockerTools.</summary>
public sealed record ImageModel(string Attr, string Package, string Name, string Tag, IReadOnlyList<string> Ports, IReadOnlyList<string> Env, bool CaCertificates, bool Tzdata);
