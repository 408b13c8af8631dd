using System.Text.Json.Serialization;

namespace NixGen.Rendering;

/// <summary>One service's buildGoModule call.</summary>
/// <param name="Attr">Its attribute name (quoted when it is not an identifier).</param>
/// <param name="Name">Its name as the user sees it (package name, CI matrix), not escaped.</param>
/// <param name="LinkerFlags">The service's <c>ldflags:</c>, plain (the template adds <c>-X</c> for the version and commit variables).</param>
/// <param name="GoVersion">The service's own Go minimum (<c>services.&lt;dir&gt;.go</c>), plain, or null for the flake's Go.</param>
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
    IReadOnlyList<string> LinkerFlags,
    IReadOnlyList<string> Tags,
    bool Cgo,
    bool DoCheck,
    string Description,
    string MainProgram,
    string HashNote,
    ImageModel? Image,
    string? GoVersion,
    string? GoComment,
    IReadOnlyList<CrossPackageModel> Cross)
{
    /// <summary>Go variables set to the flake's <c>version</c> (<c>versionVariables:</c>), plain.</summary>
    public IReadOnlyList<string> VersionVariables { get; init; } = [];

    /// <summary>Go variables set to the commit, <c>rev</c> (<c>commitVariables:</c>), plain.</summary>
    public IReadOnlyList<string> CommitVariables { get; init; } = [];

    /// <summary>
    /// For a service built as one package per binary: the service whose one vendor derivation (one store path) every
    /// binary's package shares, plain. Null otherwise.
    /// </summary>
    public string? SharedVendor { get; init; }

    /// <summary>
    /// The argument of <c>buildGoModuleWith</c> as Nix text, rendered from builder-args.nix.sbn (for templates that print
    /// <c>service.builder_args</c>; nixgen's own include the partial).
    /// </summary>
    [JsonIgnore]
    public string BuilderArgs { get; init; } = "";

    /// <summary>Modules mode: the service's module versions (Nix strings, <c>"path@version"</c>) whose files make its vendor/; else null.</summary>
    public IReadOnlyList<string>? Modules { get; init; }

    /// <summary><c>sbom: true</c>: the package's entry in nix/go-sbom.json (the argument of <c>sbomPassthru</c>), else null.</summary>
    public SbomEntry? SbomEntry { get; init; }
}
