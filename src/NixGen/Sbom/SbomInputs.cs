using NixGen.Config;
using NixGen.Discovery;
using NixGen.Planning;

namespace NixGen.Sbom;

/// <summary>What the SBOMs are made from besides the repository: per service its hash result and Go minimum, and the module files' hashes.</summary>
/// <param name="Hashes">Each service's vendorHash result, by service name.</param>
/// <param name="GoMinimum">The Go minimum the flake builds a service with (null: nixpkgs' default go).</param>
/// <param name="Modules">nix/go-modules.json as this run renders it (modules mode), else null.</param>
/// <param name="NixgenVersion">The nixgen release, for <c>metadata.tools</c>.</param>
internal sealed record SbomInputs(
    Repository Repo,
    NixGenConfig Config,
    IReadOnlyDictionary<string, VendorResult> Hashes,
    Func<Service, string?> GoMinimum,
    ModulesData? Modules,
    string NixgenVersion)
{
    /// <summary>Modules mode as the rest of the run asks it (<see cref="Planning.ModulesMode"/>).</summary>
    public ModulesMode ModulesMode { get; } = new(Config);
}
