namespace NixGen.Rendering;

/// <summary>Everything the flake template prints, already escaped for Nix where it is text.</summary>
public sealed record FlakeModel(
    string Description,
    string Nixpkgs,
    IReadOnlyList<string> Systems,
    IReadOnlyList<string> Substituters,
    IReadOnlyList<string> PublicKeys,
    string GoAttr,
    string GoComment,
    IReadOnlyList<ServiceModel> Services,
    string? DefaultService,
    IReadOnlyList<CrossModel> Cross,
    bool AnyImages,
    IReadOnlyList<string> DevShellPackages,
    string Version,
    string? NixgenFlake,
    bool AnyCross,
    bool CgoInEnv,
    IReadOnlyList<string> GeneratedFiles);

/// <summary>One service's buildGoModule call.</summary>
public sealed record ServiceModel(
    string Attr,
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
    string? GoAttr,
    string? GoComment,
    IReadOnlyList<CrossModel> Cross);

/// <summary>A cross target: <c>&lt;service&gt;-&lt;goos&gt;-&lt;goarch&gt;</c>.</summary>
public sealed record CrossModel(string Goos, string Goarch);

/// <summary>An OCI image built with dockerTools.</summary>
public sealed record ImageModel(string Attr, string Name, string Tag, IReadOnlyList<string> Ports, IReadOnlyList<string> Env, bool CaCertificates, bool Tzdata);
