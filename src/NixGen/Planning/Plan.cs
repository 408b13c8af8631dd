using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>What the planner decided for one service.</summary>
public enum PlanAction
{
    /// <summary>Every input matches nixgen.lock: its locked hash is used as is.</summary>
    Reuse,

    /// <summary>An input changed (or <c>--force</c>): hash it, unless the result cache already has its fingerprint.</summary>
    Hash,
}

/// <summary>One service's plan: its fingerprint, what the lock held, why it must be hashed again (if it must).</summary>
/// <param name="Modules">The newest version of each module of its go.sum (what a bump moves).</param>
/// <param name="Reasons">Why it is hashed again, in the user's words; empty when it is reused.</param>
public sealed record ServicePlan(
    Service Service,
    SortedDictionary<string, string> Fingerprint,
    IReadOnlyDictionary<string, string> Modules,
    LockedService? Old,
    IReadOnlyList<string> Reasons)
{
    public PlanAction Action => Reasons.Count == 0 && Old is not null ? PlanAction.Reuse : PlanAction.Hash;

    /// <summary>The key of this service's result in the result cache.</summary>
    public string CacheKey => ResultCache.Key(Service.Module.Dir, Fingerprint);
}

/// <summary>The plan of a run: one record per service, and what every service's fingerprint was computed with.</summary>
/// <param name="VendoringGo">The Go that vendors (the local go's series, or the flake's Go under the nix strategy).</param>
/// <param name="LocalGo">The local go's release (<c>go1.23.5</c>), or <c>unknown</c>.</param>
/// <param name="Trees">File digests of every local replace target (kept in the lock to explain changes file by file).</param>
/// <param name="Removed">Services nixgen.lock holds that no longer exist.</param>
public sealed record Plan(
    IReadOnlyList<ServicePlan> Services,
    string Strategy,
    string VendoringGo,
    string LocalGo,
    IReadOnlyDictionary<string, SortedDictionary<string, string>> Trees,
    IReadOnlyList<string> Removed)
{
    public IEnumerable<ServicePlan> ToHash => Services.Where(s => s.Action == PlanAction.Hash);
}
