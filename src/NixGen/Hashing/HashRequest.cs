using NixGen.Discovery;
using NixGen.Planning;

namespace NixGen.Hashing;

/// <summary>What the hashing stage carries out: a plan for a repository, and what the run allows.</summary>
/// <param name="Force"><c>--force</c>: the result cache is not read.</param>
/// <param name="Verify"><c>--verify</c>: the local strategy trusts no module cache.</param>
/// <param name="Jobs">How many services are hashed at once.</param>
internal sealed record HashRequest(Repository Repo, Plan Plan, ModulesMode Modules, bool Force, bool Verify, int Jobs)
{
    /// <summary>
    /// The nix strategy's probe, supplied by the wiring (Hashing never sees Rendering): flake.nix rendered with the
    /// given result for every service (<see cref="NixFodHasher.FakeHash"/> for those still to hash).
    /// </summary>
    public Func<IReadOnlyDictionary<string, VendorResult>, string>? ProbeFlake { get; init; }

    /// <summary>The nix strategy: the package whose <c>goModules</c> is a service's vendor derivation, as Rendering names it.</summary>
    public Func<Service, string>? VendorPackage { get; init; }
}
