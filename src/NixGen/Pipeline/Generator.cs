using NixGen.Config;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Planning;
using NixGen.Processes;
using NixGen.Rendering;
using NixGen.Sbom;

namespace NixGen.Pipeline;

/// <summary>
/// The pipeline, wired: load the project, plan against nixgen.lock, hash what the plan says, render. Writes nothing:
/// <c>init</c>, <c>update</c> and <c>check</c> run the same and differ only in what they do with the result.
/// </summary>
/// <param name="hasher">Replaces the configured strategy (the snapshot cases hash from a file).</param>
internal sealed class Generator(ToolRunner runner, GoEnvironment environment, IReporter reporter, IVendorHasher? hasher = null)
{
    public async Task<GenerationResult> GenerateAsync(string root, GenerateOptions options, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Timed(string stage) => reporter.Verbose($"nixgen: {stage} done at {clock.ElapsedMilliseconds} ms");

        var project = Project.Load(root, options.Ci, options.Output);
        Timed("config and discovery");
        var strategy = options.Strategy ?? project.Config.Strategy;
        var lockFile = project.Lock;
        var plan = new Planner(GoToolchain.LocalVersion(runner.Resolve("go")))
            .Plan(project.Repo, lockFile, strategy, options.Force, NixGoIdentity(root, GoRequirement.Of(project.Repo, project.Config)),
                s => project.Config.For(s.Module.Dir).ModulesMode);
        Timed("fingerprints and plan");

        var hashed = await new HashStage(runner, environment, reporter, hasher).RunAsync(project, plan, options, cancellationToken).ConfigureAwait(false);
        var reports = plan.Services.Where(p => hashed.Results.ContainsKey(p.Service.Name)).Select(p => Report(p, plan, hashed)).ToList();
        if (hashed.Failures.Count > 0)
        {
            throw new HashFailedException(HashFailure.Summarize(hashed.Failures), reports, hashed.Failures);
        }

        Timed("hashing");
        var notes = CgoNotes(project.Repo, project.Config).ToList();
        foreach (var n in notes)
        {
            reporter.Progress(n);
        }

        var warnings = project.Warnings.Concat(PrivateModules.Warnings(project.Repo, environment.PassThrough.GetValueOrDefault("GOPRIVATE"))).ToList();
        foreach (var w in warnings)
        {
            reporter.Warn(w);
        }

        var goSources = await GoSourcesAsync(project, options.Force || options.Verify, cancellationToken).ConfigureAwait(false);
        var files = FlakeFiles.Render(project.Repo, project.Config, hashed.Results, goSources);
        var modulesServices = project.Repo.Services.Where(s => project.Config.For(s.Module.Dir).ModulesMode && ModulesData.Needs(s).Count > 0).ToList();
        if (modulesServices.Count > 0)
        {
            var needs = modulesServices.SelectMany(s => ModulesData.Needs(s))
                .GroupBy(n => n.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(n => n.Value).OrderBy(n => n.Zip ? 0 : 1).First() with { ModSum = g.Select(n => n.Value.ModSum).FirstOrDefault(m => m is not null) }, StringComparer.Ordinal);
            var data = await new ModuleFileHasher(environment.CacheDir)
                .HashAsync(project.Config.Goproxy, needs, options.Force || options.Verify ? null : ModulesData.Load(Path.Combine(root, NixGenConfig.ModulesFile)), cancellationToken).ConfigureAwait(false);
            files[NixGenConfig.ModulesFile] = data.Render();
        }

        // SBOMs (`sbom: true`, or `nixgen sbom`): computed after the module hashes, which they quote.
        var sbom = project.Config.Sbom || options.Sbom ? await SbomData.BuildAsync(
            new SbomInputs(project.Repo, project.Config, hashed.Results,
                s => (GoRequirement.ForService(s, project.Config.For(s.Module.Dir)) ?? GoRequirement.Of(project.Repo, project.Config)).Version,
                files.TryGetValue(NixGenConfig.ModulesFile, out var modulesText) ? ModulesData.Parse(modulesText) : null, SbomData.NixgenVersion),
            runner, environment, cancellationToken).ConfigureAwait(false) : null;
        if (sbom is not null && project.Config.Sbom)
        {
            files[NixGenConfig.SbomFile] = NixJson.SerializeIndented(sbom);
        }

        var locked = plan.Services.Zip(reports).ToDictionary(
            x => x.First.Service.Name,
            x => new LockedService(x.First.Service.Module.Dir, x.First.Fingerprint, x.First.Modules, x.Second.VendorHash, x.Second.ProxyVendor,
                x.Second.Go, strategy, hashed.Results[x.First.Service.Name].Why),
            StringComparer.Ordinal);
        var generated = new GeneratedRecord(
            InputDigest.Compute(project.Repo.View, GoToolchain.VendorFormatOf(plan.LocalGo), options.Strategy, files.Keys,
                project.NewConfigText is { } newConfig ? new Dictionary<string, string> { [Project.ConfigFile] = newConfig } : null),
            files.ToDictionary(f => f.Key, f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(f.Value))), StringComparer.Ordinal));
        files[LockFile.FileName] = new LockFile(locked, plan.Trees.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal), generated) { GoSources = goSources }.Render();
        TrustedLocks.Record(environment.CacheDir, files[LockFile.FileName]);
        if (project.NewConfigText is { } configText)
        {
            files[Project.ConfigFile] = configText;
        }

        Timed("rendering");
        return new GenerationResult(files, reports, warnings, runner.ProcessesStarted, [.. Project.Obsolete(root, files.Keys, lockFile)]) { Notes = notes, Removed = plan.Removed, Sbom = sbom };
    }

    /// <summary>
    /// <c>goSource: upstream</c>: the sha256 of each Go minimum's source release, kept from nixgen.lock while the minimum
    /// stays, else read from go.dev's release list; empty otherwise.
    /// </summary>
    /// <param name="fresh"><c>--force</c> / <c>--verify</c>: ask go.dev again, trusting nothing the lock says.</param>
    private async Task<IReadOnlyDictionary<string, string>> GoSourcesAsync(Project project, bool fresh, CancellationToken cancellationToken)
    {
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!project.Config.GoUpstream)
        {
            return sources;
        }

        var wanted = project.Repo.Services.Select(s => GoRequirement.ForService(s, project.Config.For(s.Module.Dir))?.Version)
            .Append(GoRequirement.Of(project.Repo, project.Config).Version)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new ConfigException($"{project.Config.Where("goSource")}: goSource: upstream needs a Go release to build: a `go` line in the services' go.mod or `go:` in nixgen.yaml");
        }

        var downloads = environment.PassThrough.GetValueOrDefault(GoSourceRelease.DownloadsVariable) ?? GoSourceRelease.DefaultDownloads;
        foreach (var version in wanted)
        {
            sources[version] = !fresh && project.Lock.GoSources.TryGetValue(version, out var known)
                ? known
                : await GoSourceRelease.SourceHashAsync(GoModules.GoVersions.ReleaseOf(version), downloads, cancellationToken).ConfigureAwait(false);
            reporter.Verbose($"nixgen: Go {version} from go.dev's source: {sources[version]}");
        }

        return sources;
    }

    private static ServiceReport Report(ServicePlan p, Plan plan, HashOutcome hashed)
    {
        var r = hashed.Results[p.Service.Name];
        var reused = p.Action == PlanAction.Reuse;
        return new ServiceReport(p.Service.Name, p.Service.Module.Dir, r.VendorHash, r.ProxyVendor, plan.Strategy, reused ? p.Old!.Go : plan.VendoringGo,
            reused, p.Reasons, p.Old?.VendorHash, hashed.FromCache.Contains(p.Service.Name));
    }

    /// <summary>The identity of the Go that vendors under the nix strategy: the flake's Go attribute and nixpkgs pin.</summary>
    private static string NixGoIdentity(string root, GoRequirement go)
    {
        var flakeLock = Path.Combine(root, "flake.lock");
        return $"nixpkgs Go >= {go.Version ?? "default"} (flake.lock {(File.Exists(flakeLock) ? Fingerprint.FileDigest(flakeLock)[..12] : "absent")})";
    }

    /// <summary>Services whose own packages import "C" and whose nixgen.yaml does not say: built with cgo, said once.</summary>
    private static IEnumerable<string> CgoNotes(Repository repo, NixGenConfig config) =>
        repo.Services.Where(s => s.UsesCgo && config.For(s.Module.Dir).Cgo is null).Select(s =>
            $"{s.Name}: uses cgo (a package imports \"C\"): built with CGO_ENABLED = 1" +
            (config.Cross.Count > 0 ? " and without cross targets (they need a C cross toolchain)" : "") +
            $"; set `cgo: false` under services.{s.Module.Dir} in nixgen.yaml to override");
}
