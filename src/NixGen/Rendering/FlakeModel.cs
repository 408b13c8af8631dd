namespace NixGen.Rendering;

/// <summary>Everything the flake template prints, already escaped for Nix where it is text.</summary>
/// <param name="GoRequired">A Nix string literal with the minimum Go version, or null for nixpkgs' default <c>go</c>.</param>
/// <param name="UsesRev">Whether some service embeds the commit (<c>commitVariables</c>), so the flake binds <c>rev</c>.</param>
/// <param name="GeneratedFiles">nixgen's own files as Nix paths, when some service's source includes the repository root.</param>
/// <param name="OverlayAttr">The attribute under which <c>overlays.default</c> puts the services.</param>
internal sealed record FlakeModel(
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
    bool ChecksImages)
{
    /// <summary><c>flake</c>, <c>module</c> or <c>flake-parts</c> (<c>output:</c>).</summary>
    public string Mode { get; init; } = "flake";

    /// <summary>The Nix expression of the repository root: <c>./.</c> in flake.nix, <c>src</c> in the module file.</summary>
    public string Root { get; init; } = "./.";

    /// <summary>The module file's default <c>src</c>: the repository root, relative to the file (<c>../.</c>).</summary>
    public string ModuleRoot { get; init; } = "../.";

    /// <summary>The module file (the module modes), for the usage comment.</summary>
    public string ModuleFile { get; init; } = "";

    /// <summary><c>goSource: upstream</c>: the Go source releases by Go minimum (in order), or null.</summary>
    public IReadOnlyList<GoSourceModel>? GoUpstream { get; init; }

    /// <summary>Modules mode: the data file as a Nix path (null when no service uses it).</summary>
    public string? ModulesData { get; init; }

    /// <summary>Module files are fetched with netrc credentials from the builder's environment (goproxyAuth).</summary>
    public bool GoproxyAuth { get; init; }

    /// <summary><c>sbom: true</c>: the SBOM data file as a Nix path, else null.</summary>
    public string? SbomData { get; init; }
}
