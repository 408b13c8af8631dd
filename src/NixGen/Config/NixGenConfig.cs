namespace NixGen.Config;

/// <summary>The whole of nixgen.yaml after validation, defaults applied.</summary>
internal sealed record NixGenConfig(
    string Description,
    string Nixpkgs,
    IReadOnlyList<string> Systems,
    string? DefaultService,
    string? Go,
    string Strategy,
    IReadOnlyList<CrossTarget> Cross,
    IReadOnlyList<CacheConfig> Caches,
    IReadOnlyList<string> DevShellPackages,
    string? NixgenFlake,
    string Version,
    CiConfig Ci,
    IReadOnlyDictionary<string, ServiceConfig> Services,
    string OverlayAttr = "goServices",
    bool ChecksCross = false,
    bool ChecksImages = false)
{
    /// <summary>What nixgen writes: a whole flake, or a module for a flake (or default.nix) the user keeps.</summary>
    public OutputMode Output { get; init; } = OutputMode.Flake;

    /// <summary>
    /// <c>goSource: upstream</c>: when the nixpkgs in use has the series the services need but an older patch release,
    /// the flake builds the exact release from go.dev's source (hash recorded in nixgen.lock); else it stops, naming this.
    /// </summary>
    public bool GoUpstream { get; init; }

    /// <summary>Whether nixgen.yaml says <c>output:</c> (else <see cref="Output"/> is the default, which init may choose).</summary>
    public bool OutputIsSet { get; init; }

    /// <summary>The file of the module modes (relative to the repository root).</summary>
    public string OutputFile { get; init; } = DefaultOutputFile;

    /// <summary>Flake mode: also write a default.nix for <c>nix-build</c>, pinned by flake.lock.</summary>
    public bool DefaultNix { get; init; }

    public const string DefaultOutputFile = "nix/go-services.nix";

    /// <summary>Modules mode for services nixgen.yaml does not say otherwise for (<c>hashing.mode: modules</c>).</summary>
    public bool ModulesMode { get; init; }

    /// <summary>The module proxy the flake fetches module files from in modules mode (<c>goproxy:</c>).</summary>
    public string Goproxy { get; init; } = DefaultGoproxy;

    public const string DefaultGoproxy = "https://proxy.golang.org";

    /// <summary>
    /// Modules mode fetches with credentials (<c>goproxyAuth: true</c>): fetchurl's netrcPhase writes a netrc from
    /// <see cref="ProxyUserVariable"/> and <see cref="ProxyPasswordVariable"/> in the Nix builder's environment, so no secret reaches the store.
    /// </summary>
    public bool GoproxyAuth { get; init; }

    public const string ProxyUserVariable = "NIX_GOPROXY_USERNAME";

    public const string ProxyPasswordVariable = "NIX_GOPROXY_PASSWORD";

    /// <summary><c>sbom: true</c>: nixgen writes <see cref="SbomFile"/> and every package gets <c>passthru.sbom</c> (CycloneDX 1.6).</summary>
    public bool Sbom { get; init; }

    /// <summary>The data file of the SBOMs: per service the modules compiled into each package, and its metadata.</summary>
    public const string SbomFile = Trust.OutputNames.SbomData;

    /// <summary>The data file of modules mode: every module file's hash.</summary>
    public const string ModulesFile = Trust.OutputNames.ModulesData;

    /// <summary>
    /// The packages' default version: the same on every commit, so that a commit which does not touch a service
    /// changes none of its store paths (the commit reaches a binary only through <c>commitVariables</c>).
    /// </summary>
    public const string DefaultVersion = "unstable";

    public static readonly IReadOnlyList<string> DefaultSystems = ["aarch64-darwin", "aarch64-linux", "x86_64-darwin", "x86_64-linux"];

    /// <summary>A supported NixOS release (the generated Nix does not depend on which: only this input changes).</summary>
    public const string DefaultNixpkgs = "github:NixOS/nixpkgs/nixos-26.05";

    public static NixGenConfig Default => ConfigLoader.FromText("nixgen.yaml", "");

    /// <summary>Where each <c>services:</c> key sits in nixgen.yaml (<c>line:col</c>), for messages about it.</summary>
    public IReadOnlyDictionary<string, string> ServicePositions { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where keys whose values are checked against the repository sit in nixgen.yaml (<c>line:col</c>), by path:
    /// <c>default</c>, <c>services.DIR.name</c>, <c>services.DIR.mainProgram</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> KeyPositions { get; init; } = new Dictionary<string, string>();

    /// <summary>"nixgen.yaml:LINE:COL" of <paramref name="key"/> (see <see cref="KeyPositions"/>), for a message about it.</summary>
    public string Where(string key) => "nixgen.yaml:" + KeyPositions.GetValueOrDefault(key, "1:1");

    /// <summary>Settings of the service in <paramref name="dir"/>, or the defaults.</summary>
    public ServiceConfig For(string dir) => Services.TryGetValue(dir, out var s) ? s : ConfigLoader.DefaultService with { ModulesMode = ModulesMode };
}
