using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>One service's plan: its fingerprint, what the lock held, why it must be hashed again (if it must).</summary>
/// <param name="Modules">The newest version of each module of its go.sum (what a bump moves).</param>
/// <param name="Reasons">Why it is hashed again, in the user's words; empty when it is reused.</param>
internal sealed record ServicePlan(
    Service Service,
    SortedDictionary<string, string> Fingerprint,
    IReadOnlyDictionary<string, string> Modules,
    LockedService? Old,
    IReadOnlyList<string> Reasons)
{
    public PlanAction Action => Reasons.Count == 0 && Old is not null ? PlanAction.Reuse : PlanAction.Hash;

    /// <summary>The key of this service's result in the result cache.</summary>
    /// <remarks>The service's directory and every fingerprint input, hashed: the same inputs on any branch give the same key.</remarks>
    public string CacheKey
    {
        get
        {
            var text = new System.Text.StringBuilder(Service.Module.Dir).Append('\n');
            foreach (var (k, v) in Fingerprint.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(k).Append('=').Append(v).Append('\n');
            }

            return Digest.Of(text.ToString());
        }
    }
}
