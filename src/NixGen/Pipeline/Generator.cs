using NixGen.Config;
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
        var fresh = options.Force || options.Verify;

        var project = Project.Load(root, options.Ci, options.Output);
        var (repo, config) = (project.Repo, project.Config);
        Timed("config and discovery");
        var plan = new Planner(GoToolchain.LocalVersion(runner.Resolve("go"))).Plan(
            repo, project.Lock, options.Strategy ?? config.Strategy, options.Force, NixGoIdentity(root, GoRequirement.Of(repo, config)), project.Modules);
        Timed("fingerprints and plan");

        var rendering = new FlakeFiles(repo, config); // the run's one way into Rendering: the nix probe and the files
        var hashed = await HashAsync(project, plan, rendering, options, cancellationToken).ConfigureAwait(false);
        var reports = plan.Services.Where(p => hashed.Results.ContainsKey(p.Service.Name)).Select(p => Report(p, plan, hashed)).ToList();
        if (hashed.Failures.Count > 0)
        {
            throw new HashFailedException(HashFailure.Summarize(hashed.Failures), reports, hashed.Failures);
        }

        Timed("hashing");
        var notes = ProjectWarnings.CgoNotes(repo, config).ToList();
        notes.ForEach(reporter.Progress);
        var warnings = project.Warnings.Concat(PrivateModules.Warnings(repo, environment.PassThrough.GetValueOrDefault("GOPRIVATE"))).ToList();
        warnings.ForEach(reporter.Warn);

        var goSources = await new GoSources(environment, reporter).ResolveAsync(
            config, repo.Services.Select(s => GoOf(project, s)?.Version).Append(GoRequirement.Of(repo, config).Version), project.Lock.GoSources, fresh, cancellationToken)
            .ConfigureAwait(false);
        var files = rendering.Render(hashed.Results, goSources);
        if (project.Modules.Merged(repo.Services) is { Count: > 0 } needs)
        {
            var previous = fresh ? null : ModulesData.Load(Path.Combine(root, NixGenConfig.ModulesFile));
            files[NixGenConfig.ModulesFile] = (await new ModuleFileHasher(environment.CacheDir)
                .HashAsync(config.Goproxy, needs, previous, cancellationToken).ConfigureAwait(false)).Render();
        }

        // SBOMs (`sbom: true`, or `nixgen sbom`): computed after the module hashes, which they quote.
        var sbom = config.Sbom || options.Sbom ? await SbomAsync(project, hashed, files.TryGetValue(NixGenConfig.ModulesFile, out var modulesText) ? ModulesData.Parse(modulesText) : null, cancellationToken).ConfigureAwait(false) : null;
        if (sbom is not null && config.Sbom)
        {
            files[NixGenConfig.SbomFile] = NixJson.SerializeIndented(sbom);
        }

        files[LockFile.FileName] = LockText(project, plan, reports, hashed, files, goSources, options.Strategy);
        TrustedLocks.Record(environment.CacheDir, files[LockFile.FileName]);
        if (project.NewConfigText is { } configText)
        {
            files[Project.ConfigFile] = configText;
        }

        Timed("rendering");
        return new GenerationResult(files, reports, warnings, runner.ProcessesStarted, project.Removable.NotIn(files.Keys)) { Notes = notes, Removed = plan.Removed, Sbom = sbom };
    }

    /// <summary>The hashing stage, given what it needs from the other stages: modules mode and, for the nix strategy, Rendering's probe.</summary>
    private Task<HashOutcome> HashAsync(Project project, Plan plan, FlakeFiles rendering, GenerateOptions options, CancellationToken cancellationToken) =>
        new HashStage(runner, environment, reporter, hasher).RunAsync(
            new HashRequest(project.Repo, plan, project.Modules, options.Force, options.Verify, options.EffectiveJobs)
            {
                ProbeFlake = rendering.ProbeFlake,
                VendorPackage = rendering.VendorPackage,
            },
            cancellationToken);

    private Task<System.Text.Json.Nodes.JsonObject> SbomAsync(Project project, HashOutcome hashed, ModulesData? modules, CancellationToken cancellationToken) =>
        SbomData.BuildAsync(
            new SbomInputs(project.Repo, project.Config, hashed.Results, s => (GoOf(project, s) ?? GoRequirement.Of(project.Repo, project.Config)).Version,
                modules, SbomData.NixgenVersion),
            runner, environment, cancellationToken);

    private static GoRequirement? GoOf(Project project, Discovery.Service s) => GoRequirement.ForService(s, project.Config.For(s.Module.Dir));

    /// <summary>nixgen.lock: each service's result and fingerprint, the trees, the Go sources, and the record of what was generated.</summary>
    private static string LockText(
        Project project, Plan plan, IReadOnlyList<ServiceReport> reports, HashOutcome hashed, IReadOnlyDictionary<string, string> files,
        IReadOnlyDictionary<string, string> goSources, string? askedStrategy)
    {
        var locked = plan.Services.Zip(reports).ToDictionary(
            x => x.First.Service.Name,
            x => new LockedService(x.First.Service.Module.Dir, x.First.Fingerprint, x.First.Modules, x.Second.VendorHash, x.Second.ProxyVendor,
                x.Second.Go, plan.Strategy, hashed.Results[x.First.Service.Name].Why),
            StringComparer.Ordinal);
        var generated = new GeneratedRecord(
            InputDigest.Compute(project.Repo.View, GoToolchain.VendorFormatOf(plan.LocalGo), askedStrategy, [.. files.Keys],
                project.NewConfigText is { } newConfig ? new Dictionary<string, string> { [Project.ConfigFile] = newConfig } : null),
            files.ToDictionary(f => f.Key, f => Digest.Of(f.Value), StringComparer.Ordinal));
        return new LockFile(locked, plan.Trees.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal), generated) { GoSources = goSources }.Render();
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
        var flakeLock = Path.Combine(root, Trust.OutputNames.FlakeLock);
        return $"nixpkgs Go >= {go.Version ?? "default"} (flake.lock {(File.Exists(flakeLock) ? Digest.OfFile(flakeLock)[..12] : "absent")})";
    }
}
