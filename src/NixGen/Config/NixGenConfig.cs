namespace NixGen.Config;

/// <summary>A Cachix (or any binary) cache the flake should pull from.</summary>
public sealed record CacheConfig(string Name, string Url, string PublicKey);

/// <summary>An OCI image for a service.</summary>
public sealed record ImageConfig(bool Enabled, string? Name, string Tag, IReadOnlyList<int> Ports, IReadOnlyDictionary<string, string> Env, bool CaCertificates, bool Tzdata);

/// <summary>Per-service settings from nixgen.yaml, with defaults applied.</summary>
/// <param name="Cgo">CGO_ENABLED as configured; null: on when the service's own packages import "C".</param>
public sealed record ServiceConfig(
    string? Name,
    string? Description,
    IReadOnlyList<string> Ldflags,
    IReadOnlyList<string> VersionVariables,
    IReadOnlyList<string> CommitVariables,
    IReadOnlyList<string> Tags,
    bool? Cgo,
    bool DoCheck,
    ImageConfig Image,
    string? Go);

/// <summary>Generated CI glue: the GitHub Actions workflow, and the dependency-bot hooks that run <c>nixgen update</c>.</summary>
public sealed record CiConfig(string Provider, string DefaultBranch, bool Renovate, bool Dependabot, string NixgenInstall)
{
    public bool Enabled => Provider != "none";
}

/// <summary>A cross-compilation target, <c>linux/arm64</c>.</summary>
public sealed record CrossTarget(string GoOs, string GoArch)
{
    public override string ToString() => $"{GoOs}/{GoArch}";
}

/// <summary>The whole of nixgen.yaml after validation, defaults applied.</summary>
public sealed record NixGenConfig(
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

    /// <summary>Settings of the service in <paramref name="dir"/>, or the defaults.</summary>
    public ServiceConfig For(string dir) => Services.TryGetValue(dir, out var s) ? s : ConfigLoader.DefaultService;
}
