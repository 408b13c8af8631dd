namespace NixGen.Config;

/// <summary>Per-service settings from nixgen.yaml, with defaults applied.</summary>
/// <param name="Cgo">CGO_ENABLED as configured; null: on when the service's own packages import "C".</param>
internal sealed record ServiceConfig(
    string? Name,
    string? Description,
    IReadOnlyList<string> Ldflags,
    IReadOnlyList<string> VersionVariables,
    IReadOnlyList<string> CommitVariables,
    IReadOnlyList<string> Tags,
    bool? Cgo,
    bool DoCheck,
    ImageConfig Image,
    string? Go)
{
    /// <summary>One package per main package (<c>binaries: separate</c>) instead of one with every binary.</summary>
    public bool SeparateBinaries { get; init; }

    /// <summary>Modules mode: a hash per module file instead of a vendorHash (<c>hashing.mode</c>, or per service).</summary>
    public bool ModulesMode { get; init; }

    /// <summary>The binary <c>nix run</c> and the image start (default: the one named like the service, else the first).</summary>
    public string? MainProgram { get; init; }
}
