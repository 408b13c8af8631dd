using System.Collections.Concurrent;
using NixGen.Config;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Hashing;
using NixGen.Output;
using NixGen.Planning;
using NixGen.Processes;
using NixGen.Rendering;

namespace NixGen.Pipeline;

/// <summary>The whole pipeline: discover, plan against the lock, hash what changed, render. Writes nothing.</summary>
public sealed class Generator(ToolRunner runner, GoEnvironment environment, IReporter reporter)
{
    public const string ConfigFile = "nixgen.yaml";
    public const string FlakeFile = "flake.nix";

    public async Task<GenerationResult> GenerateAsync(string root, GenerateOptions options, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        var configPath = Path.Combine(root, ConfigFile);
        var configExists = File.Exists(configPath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Timed(string stage) => reporter.Verbose($"nixgen: {stage} done at {clock.ElapsedMilliseconds} ms");
        var config = ConfigLoader.Load(configPath);
        var repo = RepoScanner.Scan(root, config.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal));
        Timed("config and discovery");
        if (repo.Services.Count == 0)
        {
            throw new RepoException(repo.Modules[0].Dir == "." ? "go.mod" : repo.Modules[0].Dir + "/go.mod",
                "no service found: no module has a main package (package main outside _test.go files)");
        }

        // First run: render with exactly the nixgen.yaml that is about to be written, so that init and check agree.
        if (options.Ci is not null && configExists)
        {
            throw new ConfigException($"{ConfigFile} exists: set `ci:` / `provider: {options.Ci}` in it instead of passing --ci");
        }

        var defaultConfigText = configExists ? null : DefaultConfigText(repo, options.Ci);
        if (defaultConfigText is not null)
        {
            config = ConfigLoader.FromText(ConfigFile, defaultConfigText);
        }

        foreach (var dir in config.Services.Keys)
        {
            if (repo.Services.All(s => s.Module.Dir != dir))
            {
                throw new ConfigException($"{ConfigFile}: services.{dir}: no service (module with a main package) in that directory");
            }
        }

        CheckWorkspaceOnlyImports(repo);
        var strategy = options.Strategy ?? config.Strategy;
        var lockFile = LockFile.Load(Path.Combine(root, LockFile.FileName));
        var localGo = LocalGoVersion(runner.Resolve("go"));
        var goRequirement = GoRequirement.Of(repo, config);
        // What vendored: the local go for the local strategy; the flake's Go and nixpkgs pin for the nix strategy.
        // vendor/modules.txt changes between Go series, not between patch releases: the lock keys the series.
        var vendoringGo = strategy == "nix" ? NixGoIdentity(root, goRequirement) : GoSeriesOf(localGo);
        var warnings = new List<string>(UntrackedWarnings(repo));

        var trees = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var s in repo.Services)
        {
            foreach (var r in s.LocalReplaces.Where(r => !trees.ContainsKey(r.TargetDir)))
            {
                trees[r.TargetDir] = Fingerprint.TreeFiles(repo, s.Source, r.TargetDir);
            }
        }

        var plans = repo.Services.Select(s =>
        {
            var fingerprint = Fingerprint.Of(repo, s, vendoringGo, strategy, trees);
            var modules = ChangeExplainer.ModulesOf(s.Module.Sum);
            lockFile.Services.TryGetValue(s.Name, out var old);
            if (old is not null && old.Fingerprint.TryGetValue("go", out var oldGo) && oldGo != vendoringGo && GoSeriesOf(oldGo) == vendoringGo)
            {
                // A lock written with the full release (go1.23.4): a patch release vendors the same tree, keep it.
                fingerprint["go"] = oldGo;
            }

            if (vendoringGo == "unknown" && old is not null && old.Fingerprint.TryGetValue("go", out var lockedGo))
            {
                // No go on PATH (e.g. a CI job that only runs `nixgen check`): which Go vendored cannot change what
                // is locked, so compare the other inputs; a service that does need hashing still fails clearly.
                fingerprint["go"] = lockedGo;
            }

            var reasons = options.Force ? ["--force"] : ChangeExplainer.Explain(old, fingerprint, modules, lockFile.Trees, trees);
            if (old is not null && old.Dir != s.Module.Dir && reasons.Count == 0)
            {
                reasons = [$"moved from {old.Dir}"];
            }

            return (Service: s, Fingerprint: fingerprint, Modules: modules, Old: old, Reasons: reasons);
        }).ToList();

        var results = new ConcurrentDictionary<string, VendorResult>(StringComparer.Ordinal);
        foreach (var p in plans.Where(p => p.Reasons.Count == 0 && p.Old is not null))
        {
            reporter.ServiceStatus(p.Service.Name, "reused");
            results[p.Service.Name] = new VendorResult(p.Old!.VendorHash, p.Old.ProxyVendor, p.Old.Why);
        }

        var cache = new ResultCache(Path.Combine(environment.CacheDir, "results"));
        var keys = plans.ToDictionary(p => p.Service.Name, p => ResultCache.Key(p.Service.Module.Dir, p.Fingerprint), StringComparer.Ordinal);
        var fromCache = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in plans.Where(p => !results.ContainsKey(p.Service.Name) && !options.Force))
        {
            if (cache.TryGet(keys[p.Service.Name]) is { } cached)
            {
                reporter.ServiceStatus(p.Service.Name, "reused from cache: " + string.Join("; ", p.Reasons));
                results[p.Service.Name] = cached;
                fromCache.Add(p.Service.Name);
            }
        }

        Timed("fingerprints and lock");
        var pending = plans.Where(p => !results.ContainsKey(p.Service.Name)).ToList();
        string? probe = null;
        try
        {
            IVendorHasher hasher = new VendorHasher(runner, environment, options.Verify, localGo);
            if (strategy == "nix" && pending.Any(p => VendorShortcuts.Classify(p.Service) is null))
            {
                await NixFodHasher.CheckNixAsync(runner, cancellationToken).ConfigureAwait(false);
                probe = WriteProbe(repo, config, results);
                hasher = new NixFodHasher(runner, probe, NixSystem.Current, environment.ForNix());
            }
            else if (strategy == "nix")
            {
                hasher = new NixFodHasher(runner, root, NixSystem.Current, environment.ForNix());
            }

            if (hasher is VendorHasher)
            {
                var prefetcher = new ModulePrefetcher(runner, environment);
                var toFetch = pending.Select(p => p.Service)
                    .Where(s => VendorShortcuts.Classify(s) is null && VendorHasher.TooOld(localGo, s.Module.Mod.GoVersion) is null)
                    .ToList();
                var missing = prefetcher.Missing(toFetch).Count;
                if (missing > 0)
                {
                    reporter.Step($"fetching {missing} module version(s) into the shared cache");
                    await prefetcher.PrefetchAsync(toFetch, cancellationToken).ConfigureAwait(false);
                }
            }

            await HashAllAsync(hasher, repo, pending.Select(p => (p.Service, p.Reasons, keys[p.Service.Name])).ToList(), results, cache, options.EffectiveJobs, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (probe is not null)
            {
                TreeCopier.DeleteTree(probe);
            }
        }

        var locked = new Dictionary<string, LockedService>(StringComparer.Ordinal);
        var reports = new List<ServiceReport>();
        foreach (var p in plans)
        {
            var r = results[p.Service.Name];
            var reused = p.Reasons.Count == 0 && p.Old is not null;
            var go = reused ? p.Old!.Go : vendoringGo;
            locked[p.Service.Name] = new LockedService(p.Service.Module.Dir, p.Fingerprint, p.Modules, r.VendorHash, r.ProxyVendor, go, strategy, r.Why);
            reports.Add(new ServiceReport(p.Service.Name, p.Service.Module.Dir, r.VendorHash, r.ProxyVendor, strategy, go, reused, p.Reasons, p.Old?.VendorHash, fromCache.Contains(p.Service.Name)));
        }

        var notes = CgoNotes(repo, config).ToList();
        foreach (var n in notes)
        {
            reporter.Step(n);
        }

        foreach (var w in warnings)
        {
            reporter.Warn(w);
        }

        Timed("hashing");
        var files = RenderAll(repo, config, results);
        files[LockFile.FileName] = new LockFile(locked, trees.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal)).Render();
        if (!configExists)
        {
            files[ConfigFile] = defaultConfigText!;
        }

        Timed("rendering");
        return new GenerationResult(files, reports, warnings, runner.ProcessesStarted, Obsolete(root, files)) { Notes = notes };
    }

    private async Task HashAllAsync(
        IVendorHasher hasher,
        Repository repo,
        IReadOnlyList<(Service Service, IReadOnlyList<string> Reasons, string Key)> pending,
        ConcurrentDictionary<string, VendorResult> results,
        ResultCache cache,
        int jobs,
        CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(jobs);
        var failures = new ConcurrentBag<string>();
        var tasks = pending.Select(async p =>
        {
            reporter.ServiceStatus(p.Service.Name, "queued: " + string.Join("; ", p.Reasons));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                reporter.ServiceStatus(p.Service.Name, "vendoring");
                var result = await hasher.HashAsync(repo, p.Service, cancellationToken).ConfigureAwait(false);
                results[p.Service.Name] = result;
                cache.Put(p.Key, result);
                reporter.ServiceStatus(p.Service.Name, "hashed: " + (result.VendorHash ?? "null"));
            }
            catch (ToolException e)
            {
                reporter.ServiceStatus(p.Service.Name, "failed");
                failures.Add(e.Message);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        if (!failures.IsEmpty)
        {
            throw new ToolException(string.Join("\n", failures.Order(StringComparer.Ordinal)));
        }
    }

    /// <summary>
    /// A scratch copy of the repository holding every service's sources, the flake.lock, and the flake rendered with
    /// the fake hash for each service still to hash: building <c>.goModules</c> of one of its packages makes nix
    /// report the real hash.
    /// </summary>
    private static string WriteProbe(Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> known)
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
        File.WriteAllText(Path.Combine(probe, FlakeFile), RenderFlake(repo, config, hashes));
        return probe;
    }

    /// <summary>The identity of the Go that vendors under the nix strategy: the flake's Go attribute and nixpkgs pin.</summary>
    private static string NixGoIdentity(string root, GoRequirement go)
    {
        var flakeLock = Path.Combine(root, "flake.lock");
        return $"nixpkgs Go >= {go.Version ?? "default"} (flake.lock {(File.Exists(flakeLock) ? Fingerprint.FileDigest(flakeLock)[..12] : "absent")})";
    }

    /// <summary>
    /// A service that imports another module of the repository without requiring it builds with go.work, but
    /// buildGoModule builds outside workspace mode (the filtered src holds no go.work): say what to add.
    /// </summary>
    private static void CheckWorkspaceOnlyImports(Repository repo)
    {
        var byPath = repo.Modules.GroupBy(m => m.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var s in repo.Services)
        {
            var required = s.Module.Mod.Requires.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var import in s.Imports)
            {
                var target = Prefixes(import).Select(p => byPath.GetValueOrDefault(p)).FirstOrDefault(m => m is not null);
                if (target is null || target.Dir == s.Module.Dir || required.Contains(target.Path))
                {
                    continue;
                }

                var modFile = s.Module.Dir == "." ? "go.mod" : s.Module.Dir + "/go.mod";
                var relative = Path.GetRelativePath(Path.Combine(repo.Root, s.Module.Dir), Path.Combine(repo.Root, target.Dir)).Replace('\\', '/');
                relative = relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
                var how = repo.Workspace is not null ? "it builds only in the go.work workspace, but buildGoModule builds outside workspace mode" : "no requirement provides it";
                throw new RepoException(modFile,
                    $"{s.Name} imports {import} from {target.Dir} ({target.Path}) without requiring it: {how}; add to {modFile}:\n" +
                    $"\trequire {target.Path} v0.0.0\n\treplace {target.Path} => {relative}");
            }
        }

        // Longest module path first: a/b/c, a/b, a.
        static IEnumerable<string> Prefixes(string import)
        {
            for (var p = import; p.Length > 0; p = p.Contains('/', StringComparison.Ordinal) ? p[..p.LastIndexOf('/')] : "")
            {
                yield return p;
            }
        }
    }

    /// <summary>Every file nixgen may generate besides flake.nix and nixgen.lock.</summary>
    public static readonly IReadOnlyList<string> OptionalFiles = [WorkflowFile, ".github/workflows/nixgen-dependabot.yml", "renovate.json"];

    /// <summary>Generated files this run no longer produces: only those that say they were generated by nixgen.</summary>
    private static List<string> Obsolete(string root, IReadOnlyDictionary<string, string> files) =>
        [.. OptionalFiles.Where(f => !files.ContainsKey(f) && GeneratedMarker.IsGenerated(Path.Combine(root, f)))];

    /// <summary>Renders flake.nix for a repository, its configuration and the hash of every service.</summary>
    public static string RenderFlake(Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes) =>
        RenderAll(repo, config, hashes)[FlakeFile];

    /// <summary>The workflow nixgen generates for GitHub Actions.</summary>
    public const string WorkflowFile = ".github/workflows/nix.yml";

    /// <summary>
    /// Every generated file but nixgen.lock: flake.nix, and with <c>ci:</c> the workflow and bot glue, all rendered
    /// from one model so that the CI matrix always names exactly the flake's packages.
    /// </summary>
    public static SortedDictionary<string, string> RenderAll(Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes)
    {
        var goSeries = GoRequirement.Of(repo, config).Series;
        var overrideDir = Path.Combine(repo.Root, FlakeRenderer.OverrideFolder);
        var renderer = new FlakeRenderer(Directory.Exists(overrideDir) ? overrideDir : null);
        var model = FlakeModelBuilder.Build(repo, config, hashes);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal) { [FlakeFile] = renderer.Render(model) };
        if (config.Ci.Enabled)
        {
            var ci = CiModelBuilder.Build(model, config, goSeries == "default" ? "stable" : goSeries);
            files[WorkflowFile] = renderer.RenderTemplate("github-workflow.yml.sbn", ci);
            if (config.Ci.Dependabot)
            {
                files[".github/workflows/nixgen-dependabot.yml"] = renderer.RenderTemplate("dependabot-workflow.yml.sbn", ci);
            }

            if (config.Ci.Renovate)
            {
                files["renovate.json"] = renderer.RenderTemplate("renovate.json.sbn", ci);
            }
        }

        return files;
    }

    /// <summary>Services whose own packages import "C" and whose nixgen.yaml does not say: built with cgo, said once.</summary>
    private static IEnumerable<string> CgoNotes(Repository repo, NixGenConfig config) =>
        repo.Services.Where(s => s.UsesCgo && config.For(s.Module.Dir).Cgo is null).Select(s =>
            $"{s.Name}: uses cgo (a package imports \"C\"): built with CGO_ENABLED = 1" +
            (config.Cross.Count > 0 ? " and without cross targets (they need a C cross toolchain)" : "") +
            $"; set `cgo: false` under services.{s.Module.Dir} in nixgen.yaml to override");

    /// <summary><c>go1.23</c> for <c>go1.23.5</c>: the part of a Go release that decides how it vendors.</summary>
    public static string GoSeriesOf(string goRelease) =>
        goRelease.StartsWith("go", StringComparison.Ordinal) && GoVersions.IsGoVersion(goRelease[2..]) ? "go" + GoVersions.Series(goRelease[2..]) : goRelease;

    /// <summary>
    /// Files that a service's source would hold if git tracked them (untracked, not ignored): Nix does not see them,
    /// so they are not in the hash; a file the user forgot to <c>git add</c> is the usual cause of "works here".
    /// </summary>
    private static IEnumerable<string> UntrackedWarnings(Repository repo)
    {
        if (!repo.View.IsGit || repo.View.Untracked.Count == 0)
        {
            return [];
        }

        var moduleDirs = repo.ModuleDirs;
        return repo.Services
            .Select(s => (s.Name, Files: repo.View.Untracked
                .Where(f => !SourceSet.IsNeverSource(f) && RepoScanner.OwnerOf(f, moduleDirs) is { } owner && s.Source.Roots.Contains(owner))
                .ToList()))
            .Where(x => x.Files.Count > 0)
            .Select(x => $"{x.Name}: {x.Files.Count} file(s) in its source are not tracked by git, so Nix does not see them and they are " +
                $"not in its hash: {string.Join(", ", x.Files.Take(5))}{(x.Files.Count > 5 ? ", …" : "")}; `git add` them if they belong to the build");
    }

    /// <summary>The Go release of the <c>go</c> on PATH, read from GOROOT/VERSION without starting a process.</summary>
    public static string LocalGoVersion(string? go)
    {
        if (go is null)
        {
            return "unknown";
        }

        var real = new FileInfo(go).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? go;
        var version = Path.Combine(Path.GetDirectoryName(real)!, "..", "VERSION");
        return File.Exists(version) ? File.ReadLines(version).First().Trim() : "unknown";
    }

    private static string DefaultConfigText(Repository repo, string? ci)
    {
        var lines = new List<string>
        {
            "# nixgen configuration: see the README (\"nixgen.yaml reference\") for every key.",
            "description: Go services of this repository",
            $"nixpkgs: {NixGenConfig.DefaultNixpkgs}",
            $"# The packages' version, the same on every commit (so unchanged services are never rebuilt).",
            $"version: {NixGenConfig.DefaultVersion}",
            "systems: [aarch64-darwin, aarch64-linux, x86_64-darwin, x86_64-linux]",
            repo.Services.Count == 1 ? $"# default: {YamlScalar.Of(repo.Services[0].Name)}  (the only service is the default)" : "# default: <service>  (packages.default)",
            "hashing:",
            "  strategy: local",
            "# cross: [linux/amd64, linux/arm64, darwin/arm64]",
            "# cachix:",
            "#   - name: my-cache",
            "#     publicKey: my-cache.cachix.org-1:<base64 key>",
            ci is null ? "# ci:\n#   provider: github" : $"ci:\n  provider: {ci}\n  dependabot: false\n  renovate: false",
            "services:",
        };
        foreach (var s in repo.Services)
        {
            lines.Add($"  {YamlScalar.Of(s.Module.Dir)}:");
            lines.Add($"    name: {YamlScalar.Of(s.Name)}");
        }

        return string.Join("\n", lines) + "\n";
    }
}
