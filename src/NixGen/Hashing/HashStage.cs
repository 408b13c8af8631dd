using System.Collections.Concurrent;
using NixGen.Discovery;
using NixGen.Planning;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// Carries out a plan: reuses the lock and the result cache, takes what the files alone decide (modules mode,
/// committed vendor/, nothing remote), fetches missing modules once, then hashes the rest in parallel with the
/// strategy (or the given hasher). A service that fails does not stop the others.
/// </summary>
internal sealed class HashStage(ToolRunner runner, GoEnvironment environment, IHashReporter reporter, IVendorHasher? hasherOverride = null)
{
    public async Task<HashOutcome> RunAsync(HashRequest request, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<string, VendorResult>(StringComparer.Ordinal);
        Reuse(request, results);
        var cache = new ResultCache(Path.Combine(environment.CacheDir, "results"));
        var fromCache = FromCache(request, cache, results);
        FromFiles(request, results);
        var pending = request.Plan.ToHash.Where(p => !results.ContainsKey(p.Service.Name)).ToList();
        if (pending.Count == 0)
        {
            return new HashOutcome(results, fromCache, []);
        }

        string? probe = null;
        try
        {
            IVendorHasher hasher;
            if (hasherOverride is not null)
            {
                hasher = hasherOverride;
            }
            else if (request.Plan.Strategy == "nix")
            {
                await NixFodHasher.CheckNixAsync(runner, cancellationToken).ConfigureAwait(false);
                var vendorPackage = request.VendorPackage ?? throw new InvalidOperationException("the nix strategy needs the wiring's VendorPackage");
                var render = request.ProbeFlake ?? throw new InvalidOperationException("the nix strategy needs the wiring's ProbeFlake");
                probe = WriteProbe(request.Repo, render, results);
                hasher = new NixFodHasher(runner, probe, NixSystem.Current, environment.ForNix(), vendorPackage);
            }
            else
            {
                hasher = new VendorHasher(runner, environment, request.Verify, request.Plan.LocalGo);
                await PrefetchAsync(pending, request.Plan.LocalGo, cancellationToken).ConfigureAwait(false);
            }

            var failures = await HashAllAsync(hasher, request.Repo, pending, results, cache, request.Jobs, cancellationToken).ConfigureAwait(false);
            return new HashOutcome(results, fromCache, failures);
        }
        finally
        {
            if (probe is not null)
            {
                TreeCopier.DeleteTree(probe);
            }
        }
    }

    /// <summary>
    /// The services the plan reuses keep nixgen.lock's result. What the files alone decide is derived again, not read:
    /// a lock that says otherwise (a hash where nixgen writes null, or proxyVendor) is stale. Only a hash that had to
    /// be computed is taken from the lock.
    /// </summary>
    private void Reuse(HashRequest request, ConcurrentDictionary<string, VendorResult> results)
    {
        foreach (var p in request.Plan.Services.Where(p => p.Action == PlanAction.Reuse))
        {
            reporter.ServiceStatus(p.Service.Name, ServiceState.Reused);
            var old = new VendorResult(p.Old!.VendorHash, p.Old.ProxyVendor, p.Old.Why);
            results[p.Service.Name] = request.Modules.FromFiles(p.Service) is { } derived && (derived.VendorHash, derived.ProxyVendor) != (old.VendorHash, old.ProxyVendor)
                ? derived
                : old;
        }
    }

    private HashSet<string> FromCache(HashRequest request, ResultCache cache, ConcurrentDictionary<string, VendorResult> results)
    {
        var fromCache = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in request.Plan.ToHash.Where(_ => !request.Force))
        {
            if (cache.TryGet(p.CacheKey) is { } cached)
            {
                reporter.ServiceStatus(p.Service.Name, ServiceState.Cached, string.Join("; ", p.Reasons));
                results[p.Service.Name] = cached;
                fromCache.Add(p.Service.Name);
            }
        }

        return fromCache;
    }

    /// <summary>
    /// Modules mode (no vendorHash: the module files are hashed once for all services, nix/go-modules.json), then the
    /// services that need no fetch at all: decided from their files, no tool runs, nothing is "vendoring".
    /// </summary>
    private void FromFiles(HashRequest request, ConcurrentDictionary<string, VendorResult> results)
    {
        foreach (var p in request.Plan.ToHash.Where(p => !results.ContainsKey(p.Service.Name) && request.Modules.IsOn(p.Service)))
        {
            var result = request.Modules.FromFiles(p.Service)!;
            reporter.ServiceStatus(p.Service.Name, ServiceState.Hashed, result.Why);
            results[p.Service.Name] = result;
        }

        foreach (var p in request.Plan.ToHash.Where(p => !results.ContainsKey(p.Service.Name) && hasherOverride is null))
        {
            if (VendorShortcuts.Classify(p.Service) is { } known)
            {
                reporter.ServiceStatus(p.Service.Name, ServiceState.Hashed, known.Why);
                results[p.Service.Name] = known;
            }
        }
    }

    private async Task PrefetchAsync(IReadOnlyList<ServicePlan> pending, string localGo, CancellationToken cancellationToken)
    {
        var prefetcher = new ModulePrefetcher(runner, environment);
        var toFetch = pending.Select(p => p.Service).Where(s => VendorHasher.TooOld(localGo, s.Module.Mod.GoVersion) is null).ToList();
        var missing = prefetcher.Missing(toFetch).Count;
        if (missing > 0)
        {
            reporter.Progress($"fetching {missing} module version(s) into the shared cache");
            await prefetcher.PrefetchAsync(toFetch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<HashFailure>> HashAllAsync(
        IVendorHasher hasher,
        Repository repo,
        IReadOnlyList<ServicePlan> pending,
        ConcurrentDictionary<string, VendorResult> results,
        ResultCache cache,
        int jobs,
        CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(jobs);
        var failures = new ConcurrentBag<HashFailure>();
        var tasks = pending.Select(async p =>
        {
            reporter.ServiceStatus(p.Service.Name, ServiceState.Queued, string.Join("; ", p.Reasons));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                reporter.ServiceStatus(p.Service.Name, ServiceState.Vendoring);
                var result = await hasher.HashAsync(repo, p.Service, cancellationToken).ConfigureAwait(false);
                results[p.Service.Name] = result;
                cache.Put(p.CacheKey, result);
                reporter.ServiceStatus(p.Service.Name, ServiceState.Hashed, result.VendorHash ?? "null");
            }
            catch (ToolException e)
            {
                reporter.ServiceStatus(p.Service.Name, ServiceState.Failed);
                failures.Add(HashFailure.Of(p.Service.Name, p.Service.Module.Dir, p.Service.Module.Path, e));
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return [.. failures.OrderBy(f => f.Service, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A scratch copy of the repository holding every service's sources, the flake.lock, and the flake rendered (by
    /// the wiring's <see cref="HashRequest.ProbeFlake"/>) with the fake hash for each service still to hash: building
    /// <c>.goModules</c> of one of its packages makes nix report the real hash.
    /// </summary>
    private static string WriteProbe(Repository repo, Func<IReadOnlyDictionary<string, VendorResult>, string> render, ConcurrentDictionary<string, VendorResult> known)
    {
        var probe = Directory.CreateTempSubdirectory("nixgen-probe-").FullName;
        TreeCopier.CopyFiles(repo.Root, probe, repo.Services.SelectMany(s => s.Source.Files).Distinct(StringComparer.Ordinal));
        var flakeLock = Path.Combine(repo.Root, "flake.lock");
        if (File.Exists(flakeLock))
        {
            File.Copy(flakeLock, Path.Combine(probe, "flake.lock"));
        }

        var hashes = repo.Services.ToDictionary(
            s => s.Name,
            s => known.TryGetValue(s.Name, out var r) ? r : VendorShortcuts.Classify(s) ?? new VendorResult(NixFodHasher.FakeHash, false, "probe: fake hash"),
            StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(probe, Trust.OutputNames.Flake), render(hashes));
        return probe;
    }
}
