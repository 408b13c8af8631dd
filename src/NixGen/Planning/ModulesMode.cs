using NixGen.Config;
using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>
/// Modules mode, asked in one place: which services are in it, the module files each needs, the merged needs of a
/// run (nix/go-modules.json) and the result it gives a service in place of a vendorHash. The planner, the hashing
/// stage, the renderer, the SBOM and <c>affected</c> all ask it.
/// </summary>
internal sealed class ModulesMode(NixGenConfig config)
{
    /// <summary>Whether the service is in modules mode (<c>hashing: modules</c>, globally or for its directory).</summary>
    public bool IsOn(Service service) => config.For(service.Module.Dir).ModulesMode;

    /// <summary>The module files the service needs by <c>path@version</c> (none when it is not in modules mode).</summary>
    public IReadOnlyDictionary<string, ModuleNeed> Needs(Service service) => NeedsOf(service, config.For(service.Module.Dir));

    /// <summary>The module files the service needs, for a caller that holds its service configuration already.</summary>
    public static IReadOnlyDictionary<string, ModuleNeed> NeedsOf(Service service, ServiceConfig config) =>
        config.ModulesMode ? ModulesData.Needs(service) : new SortedDictionary<string, ModuleNeed>(StringComparer.Ordinal);

    /// <summary>
    /// Every module file the services in modules mode need, once: a .zip wins over a .mod-only need of the same
    /// version, and the go.mod sum is taken from whichever go.sum has it.
    /// </summary>
    public IReadOnlyDictionary<string, ModuleNeed> Merged(IEnumerable<Service> services) =>
        services.SelectMany(s => Needs(s))
            .GroupBy(n => n.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(n => n.Value).OrderBy(n => n.Zip ? 0 : 1).First() with { ModSum = g.Select(n => n.Value.ModSum).FirstOrDefault(m => m is not null) },
                StringComparer.Ordinal);

    /// <summary>
    /// The result the files alone decide (modules mode, committed vendor/, nothing remote), or null when the service
    /// must be hashed.
    /// </summary>
    public VendorResult? FromFiles(Service service)
    {
        if (!IsOn(service))
        {
            return VendorShortcuts.Classify(service);
        }

        var modules = ModulesData.Needs(service).Count;
        return modules == 0 ? VendorShortcuts.Classify(service) ?? new VendorResult(null, false, "no dependencies: nothing to vendor")
            : new VendorResult(null, false, $"modules mode: vendor/ assembled from {modules} module(s) of {NixGenConfig.ModulesFile}");
    }
}
