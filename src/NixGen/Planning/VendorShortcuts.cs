using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>Decisions both strategies make from the files alone, before any tool runs.</summary>
internal static class VendorShortcuts
{
    /// <summary>
    /// The result for a service that needs no fetch at all, or null when its dependencies must be vendored:
    /// committed vendor/ and no requirements give <c>vendorHash = null</c>; requirements that are all local replaces
    /// with an empty go.sum (so nothing remote, not even transitively) give <c>proxyVendor = true; vendorHash = null</c>.
    /// </summary>
    public static VendorResult? Classify(Service service)
    {
        var module = service.Module;
        if (module.HasVendorDir)
        {
            return new VendorResult(null, false, "vendor/ is committed: buildGoModule uses it as is");
        }

        if (!module.HasRequirements)
        {
            return new VendorResult(null, false, "no dependencies: nothing to vendor");
        }

        var local = module.Mod.LocalReplaces.Select(r => r.OldPath).ToHashSet(StringComparer.Ordinal);
        var noRemoteSums = module.Sum is null || module.Sum.Entries.Count == 0;
        return noRemoteSums && module.Mod.Requires.All(r => local.Contains(r.Path))
            ? new VendorResult(null, true, "only local replaces: built from source with proxyVendor, nothing to fetch")
            : null;
    }
}
