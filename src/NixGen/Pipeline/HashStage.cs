using System.Collections.Concurrent;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Planning;
using NixGen.Processes;
using NixGen.Rendering;

namespace NixGen.Pipeline;

/// <summary>
/// Carries out a plan: reuses the lock and the result cache, fetches missing modules once, then hashes the rest in
/// parallel with the strategy (or the given hasher). A service that fails does not stop the others.
/// </summary>
internal sealed class HashStage(ToolRunner runner, GoEnvironment environment, IReporter reporter, IVendorHasher? hasherOverride = null)
{
    public async Task<HashOutcome> RunAsync(Project project, Plan plan, GenerateOptions options, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<string, VendorResult>(StringComparer.Ordinal);
        foreach (var p in plan.Services.Where(p => p.Action == PlanAction.Reuse))
        {
            reporter.ServiceStatus(p.Service.Name, ServiceState.Reused);
            // What the files alone decide is derived again, not read: a lock that says otherwise (a hash where nixgen
            // writes null, or proxyVendor) is stale. Only a hash that had to be computed is taken from the lock.
            var old = new VendorResult(p.Old!.VendorHash, p.Old.ProxyVendor, p.Old.Why);
            results[p.Service.Name] = FromFiles(project, p.Service) is { } derived && (derived.VendorHash, derived.ProxyVendor) != (old.VendorHash, old.ProxyVendor)
                ? derived
                : old;
        }

        var cache = new ResultCache(Path.Combine(environment.CacheDir, "results"));
        var fromCache = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in plan.ToHash.Where(_ => !options.Force))
        {
            if (cache.TryGet(p.CacheKey) is { } cached)
            {
                reporter.ServiceStatus(p.Service.Name, ServiceState.Cached, string.Join("; ", p.Reasons));
                results[p.Service.Name] = cached;
                fromCache.Add(p.Service.Name);
            }
        }

        // Modules mode: no vendorHash; the module files are hashed once for all services (nix/go-modules.json).
        foreach (var p in plan.ToHash.Where(p => !results.ContainsKey(p.Service.Name) && project.Config.For(p.Service.Module.Dir).ModulesMode))
        {
            var result = FromFiles(project, p.Service)!;
            reporter.ServiceStatus(p.Service.Name, ServiceState.Hashed, result.Why);
            results[p.Service.Name] = result;
        }

        // Services that need no fetch at all are decided from their files: no tool runs, nothing is "vendoring".
        foreach (var p in plan.ToHash.Where(p => !results.ContainsKey(p.Service.Name) && hasherOverride is null))
        {
            if (VendorShortcuts.Classify(p.Service) is { } known)
            {
                reporter.ServiceStatus(p.Service.Name, ServiceState.Hashed, known.Why);
                results[p.Service.Name] = known;
            }
        }

        var pending = plan.ToHash.Where(p => !results.ContainsKey(p.Service.Name)).ToList();
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
            else if (plan.Strategy == "nix")
            {
                await NixFodHasher.CheckNixAsync(runner, cancellationToken).ConfigureAwait(false);
                probe = WriteProbe(project, results);
                hasher = new NixFodHasher(runner, probe, NixSystem.Current, environment.ForNix(),
                    s => FlakeModelBuilder.VendorPackage(s, project.Config.For(s.Module.Dir)));
            }
            else
            {
                hasher = new VendorHasher(runner, environment, options.Verify, plan.LocalGo);
                await PrefetchAsync(pending, plan.LocalGo, cancellationToken).ConfigureAwait(false);
            }

            var failures = await HashAllAsync(hasher, project.Repo, pending, results, cache, options.EffectiveJobs, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The result the files alone decide (modules mode, committed vendor/, nothing remote), or null when it must be hashed.</summary>
    private static VendorResult? FromFiles(Project project, Service service)
    {
        if (!project.Config.For(service.Module.Dir).ModulesMode)
        {
            return VendorShortcuts.Classify(service);
        }

        var modules = ModulesData.Needs(service).Count;
        return modules == 0 ? VendorShortcuts.Classify(service) ?? new VendorResult(null, false, "no dependencies: nothing to vendor")
            : new VendorResult(null, false, $"modules mode: vendor/ assembled from {modules} module(s) of {Config.NixGenConfig.ModulesFile}");
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
    /// A scratch copy of the repository holding every service's sources, the flake.lock, and the flake rendered with
    /// the fake hash for each service still to hash: building <c>.goModules</c> of one of its packages makes nix
    /// report the real hash.
    /// </summary>
    private static string WriteProbe(Project project, ConcurrentDictionary<string, VendorResult> known)
    {
        var repo = project.Repo;
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
        File.WriteAllText(Path.Combine(probe, FlakeFiles.Flake), FlakeFiles.Render(repo, project.Config, hashes)[FlakeFiles.Flake]);
        return probe;
    }
}
