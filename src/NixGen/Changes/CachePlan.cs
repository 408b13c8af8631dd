using System.Globalization;

namespace NixGen.Changes;

/// <summary>
/// The plan once the caches have been asked: every affected package, those a binary cache already holds (on every system
/// asked), and the misses to build, each still carrying its classified reasons (the miss report).
/// </summary>
/// <param name="Checked">Whether any cache was asked (without one every affected package is built).</param>
internal sealed record CachePlan(IReadOnlyList<AffectedPackage> Affected, IReadOnlyList<CacheLookup> Lookups, IReadOnlyList<string> Caches, bool Checked)
{
    /// <summary>Packages whose out path every system found in a cache: no job; the value is the cache (the first one asked).</summary>
    public IReadOnlyDictionary<string, string> Cached { get; } = Lookups.GroupBy(l => l.Package, StringComparer.Ordinal)
        .Where(g => g.All(l => l.Cache is not null))
        .ToDictionary(g => g.Key, g => g.First().Cache!, StringComparer.Ordinal);

    /// <summary>
    /// Misses whose fixed-output vendor tree (<c>goModules</c>) a cache holds on every system: a partial hit, the build
    /// substitutes it and only compiles. The value is the cache.
    /// </summary>
    public IReadOnlyDictionary<string, string> VendorCached { get; } = Lookups.GroupBy(l => l.Package, StringComparer.Ordinal)
        .Where(g => g.Any(l => l.Cache is null) && g.All(l => l.Cache is not null || l.VendorCache is not null))
        .ToDictionary(g => g.Key, g => g.First(l => l.Cache is null).VendorCache!, StringComparer.Ordinal);

    /// <summary>The affected packages no cache holds: what CI builds, in name order.</summary>
    public IReadOnlyList<AffectedPackage> ToBuild => [.. Affected.Where(a => !Cached.ContainsKey(a.Package))];

    /// <summary>The share of affected packages found in a cache, as a whole percentage (<c>n/a</c> when nothing is affected).</summary>
    public string HitRate => Affected.Count == 0 ? "n/a"
        : ((int)Math.Round(100.0 * Cached.Count / Affected.Count, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>A plan without cache lookups: everything affected is built.</summary>
    public static CachePlan Unchecked(IReadOnlyList<AffectedPackage> affected) => new(affected, [], [], false);

    /// <summary>One line: <c>6 affected, 2 cached, 4 to build (hit rate 33%)</c>.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"{Affected.Count} affected, {Cached.Count} cached, {ToBuild.Count} to build (hit rate {HitRate}; caches: {(Caches.Count == 0 ? "none" : string.Join(", ", Caches))})");
}
