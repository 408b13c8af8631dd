using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// Fills the shared module cache with every remote module version the services to hash need and the cache lacks,
/// before any service vendors, so every <c>go mod vendor</c> after it reads only the local cache. Fetching is
/// latency-bound and one <c>go mod download</c> fetches nearly one module at a time (30 modules at 40 ms per
/// request: 2.7 s), so the list is split over several concurrent processes sharing the cache, which Go locks
/// (0.5 s with 8).
/// </summary>
internal sealed class ModulePrefetcher(ToolRunner runner, GoEnvironment environment)
{
    /// <summary>Concurrent <c>go mod download</c> processes: fetching is network-bound, not CPU-bound.</summary>
    public const int Processes = 8;

    /// <summary>
    /// The module versions to fetch: those whose tree hash is in a service's go.sum (so Go needed their code), minus
    /// modules replaced by local directories and those already in the cache.
    /// </summary>
    public IReadOnlyList<string> Missing(IEnumerable<Service> services)
    {
        var wanted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            if (s.Module.Sum is null || s.Module.HasVendorDir)
            {
                continue;
            }

            var replaced = s.Module.Mod.EffectiveReplaces.Select(r => r.OldPath).ToHashSet(StringComparer.Ordinal);
            foreach (var e in s.Module.Sum.Entries.Where(e => !e.IsGoMod && !replaced.Contains(e.Path)))
            {
                wanted.Add(e.Path + "@" + e.Version);
            }
        }

        return [.. wanted.Where(m => !Cached(m))];
    }

    private bool Cached(string moduleAtVersion)
    {
        var at = moduleAtVersion.LastIndexOf('@');
        return File.Exists(Path.Combine(environment.ModCache, "cache", "download", ModuleProxyPath.Of(moduleAtVersion[..at], moduleAtVersion[(at + 1)..]) + ".zip"));
    }

    /// <summary>
    /// Fetches what is missing. Failures are not reported here: the service that needs a module that cannot be
    /// fetched fails on its own with Go's message, naming the service.
    /// </summary>
    public async Task<int> PrefetchAsync(IEnumerable<Service> services, CancellationToken cancellationToken)
    {
        var missing = Missing(services);
        if (missing.Count == 0)
        {
            return 0;
        }

        var scratch = Scratch.Create(environment.ScratchDir, "nixgen-prefetch-");
        try
        {
            Directory.CreateDirectory(environment.CacheDir);
            var env = new Dictionary<string, string?>(environment.ForGo(), StringComparer.Ordinal) { ["GOFLAGS"] = "-mod=mod" };
            var chunks = Math.Min(Processes, missing.Count);
            await Task.WhenAll(Enumerable.Range(0, chunks).Select(c =>
                runner.RunAsync("go", a => a.Add("mod").Add("download").Add(missing.Where((_, i) => i % chunks == c)), scratch.FullName, env, cancellationToken, throwOnFailure: false)))
                .ConfigureAwait(false);
            return missing.Count;
        }
        finally
        {
            TreeCopier.DeleteTree(scratch.FullName);
        }
    }
}
