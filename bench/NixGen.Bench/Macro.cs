using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NixGen.Fixtures;
using NixGen.Hashing;

namespace NixGen.Bench;

/// <summary>Options of the whole-command benchmarks.</summary>
public sealed record MacroOptions(string Nixgen, int Services, int Modules, int Libraries, int LatencyMs, IReadOnlyList<int> Scales, int Seed, string Output);

/// <summary>
/// Whole-command benchmarks on a synthetic monorepo whose remote modules are served over HTTP on 127.0.0.1 with a
/// per-request delay. Every number is a ratio against a baseline measured in the same run; every nixgen hash is
/// checked against the baseline's independently computed one.
/// </summary>
public sealed class Macro(MacroOptions options)
{
    private readonly List<(string Benchmark, string Baseline, string Nixgen, string Ratio, string Note)> _rows = [];
    private readonly string _work = Directory.CreateTempSubdirectory("nixgen-bench-").FullName;

    private static string F(double seconds) => seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    private static string R(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "×";

    public async Task<string> RunAsync()
    {
        try
        {
            var baseline = await ColdInitAgainstOneFodPerServiceAsync().ConfigureAwait(false);
            await ModulesModeAsync(baseline).ConfigureAwait(false);
            NarAgainstNix();
            foreach (var n in options.Scales)
            {
                await ScaleAsync(n).ConfigureAwait(false);
            }

            return Table();
        }
        finally
        {
            TreeCopier.DeleteTree(_work);
        }
    }

    private Dictionary<string, string?> NixgenEnv(string proxyUrl, string cache) => new()
    {
        ["GOPROXY"] = proxyUrl,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["XDG_CACHE_HOME"] = cache,
        ["GOMODCACHE"] = null,
        ["NO_COLOR"] = "1",
    };

    /// <returns>The baseline's and vendor mode's cold-init seconds.</returns>
    private async Task<(double Baseline, double Vendor)> ColdInitAgainstOneFodPerServiceAsync()
    {
        var root = Path.Combine(_work, "main");
        var gen = MonorepoGenerator.Write(Path.Combine(root, "repo"), Path.Combine(root, "proxy"),
            new MonorepoShape(options.Services, options.Modules, options.Libraries, Seed: options.Seed));
        await using var server = new GoProxyServer(gen.Proxy.Root, TimeSpan.FromMilliseconds(options.LatencyMs));
        var repo = gen.RepoRoot;

        // Baseline: what one fixed-output derivation per service does, in sequence: a fresh module cache,
        // `go mod vendor` in a fresh copy of the service (and its local libraries), `nix hash path vendor`.
        var baselineHashes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var baseline = Stopwatch.StartNew();
        foreach (var s in gen.Services)
        {
            var scratch = Path.Combine(_work, "fod", s.Name);
            TreeCopier.CopyTree(Path.Combine(repo, s.Dir), Path.Combine(scratch, "src", s.Dir));
            foreach (var lib in s.Libraries)
            {
                TreeCopier.CopyTree(Path.Combine(repo, "libs", lib), Path.Combine(scratch, "src", "libs", lib));
            }

            var dir = Path.Combine(scratch, "src", s.Dir);
            var env = new Dictionary<string, string?>
            {
                ["GOPROXY"] = server.Url,
                ["GOSUMDB"] = "off",
                ["GOWORK"] = "off",
                ["GOTOOLCHAIN"] = "local",
                ["GOFLAGS"] = "",
                ["GOMODCACHE"] = Path.Combine(scratch, "modcache"),
                ["GOCACHE"] = Path.Combine(scratch, "gocache"),
                ["GOPATH"] = Path.Combine(scratch, "gopath"),
            };
            var vendor = Proc.Run("go", ["mod", "vendor"], dir, env);
            if (vendor.Exit != 0 && !vendor.Err.Contains("no dependencies to vendor", StringComparison.Ordinal))
            {
                vendor.Check($"go mod vendor in {s.Dir}");
            }

            baselineHashes[s.Name] = s.Kind is ServiceKind.RemoteOnly or ServiceKind.RemoteAndLocal
                ? Proc.Run("nix", ["--extra-experimental-features", "nix-command", "hash", "path", Path.Combine(dir, "vendor")], dir).Check("nix hash path").Out.Trim()
                : null;
            TreeCopier.DeleteTree(scratch);
        }

        baseline.Stop();
        var baselineRequests = server.Requests;

        var cache = Path.Combine(_work, "cache-main");
        var init = Proc.Run(options.Nixgen, ["init", "--repo", repo, "--quiet"], repo, NixgenEnv(server.Url, cache)).Check("nixgen init");
        var initRequests = server.Requests - baselineRequests;
        var locked = ReadLock(repo);
        var wrong = gen.Services.Where(s => locked[s.Name] != baselineHashes[s.Name]).Select(s => s.Name).ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"nixgen's vendorHash differs from the baseline's for: {string.Join(", ", wrong)}");
        }

        _rows.Add(($"cold init, {options.Services} services, {options.Modules} remote modules, {options.LatencyMs} ms/request",
            $"{F(baseline.Elapsed.TotalSeconds)} (one FOD per service, {baselineRequests} requests)",
            $"{F(init.Elapsed.TotalSeconds)} ({initRequests} requests, {init.ProcessesStarted} processes)",
            R(baseline.Elapsed.TotalSeconds / init.Elapsed.TotalSeconds),
            $"all {gen.Services.Count} hashes equal to the baseline's"));

        // No-op check/update against process start-up.
        var version = Median(5, () => Proc.Run(options.Nixgen, ["--version"], repo).Check("--version").Elapsed.TotalSeconds);
        var check = Proc.Run(options.Nixgen, ["check", "--repo", repo, "--quiet"], repo, NixgenEnv(server.Url, cache)).Check("nixgen check");
        var checkTime = Median(5, () => Proc.Run(options.Nixgen, ["check", "--repo", repo, "--quiet"], repo, NixgenEnv(server.Url, cache)).Check("check").Elapsed.TotalSeconds);
        var update = Proc.Run(options.Nixgen, ["update", "--repo", repo, "--quiet"], repo, NixgenEnv(server.Url, cache)).Check("nixgen update");
        _rows.Add(("no-op `nixgen check`", $"{F(version)} (`nixgen --version`)", $"{F(checkTime)}, {check.ProcessesStarted} go/nix processes",
            R(checkTime / version), "ratio is cost over bare start-up; processes must be 0"));
        _rows.Add(("no-op `nixgen update`", $"{F(version)} (`nixgen --version`)", $"{F(update.Elapsed.TotalSeconds)}, {update.ProcessesStarted} go/nix processes",
            R(update.Elapsed.TotalSeconds / version), "processes must be 0"));

        // One dependency bumped in one service.
        var bumped = gen.Services.First(s => s.Kind == ServiceKind.RemoteOnly).Name;
        var before = File.ReadAllText(Path.Combine(repo, "nixgen.lock"));
        var (module, newVersion) = gen.BumpFirstDependency(bumped);
        var bump = Proc.Run(options.Nixgen, ["update", "--repo", repo, "--quiet"], repo, NixgenEnv(server.Url, cache)).Check("nixgen update after bump");
        var after = ReadLock(repo);
        var old = ReadLockText(before);
        var changed = after.Keys.Count(k => after[k] != old[k]);
        _rows.Add(($"one bump ({bumped}: {module} -> {newVersion})", $"{F(init.Elapsed.TotalSeconds)} (cold init)",
            $"{F(bump.Elapsed.TotalSeconds)}, {bump.ProcessesStarted} processes, {changed} hash changed",
            R(init.Elapsed.TotalSeconds / bump.Elapsed.TotalSeconds), "re-hashed services must be 1"));
        return (baseline.Elapsed.TotalSeconds, init.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Modules mode on the same repository (same seed): cold init against the baseline and vendor mode, and what a
    /// bump of the most shared module costs CI in each mode (fixed-output derivations to realise, bytes to fetch).
    /// </summary>
    private async Task ModulesModeAsync((double Baseline, double Vendor) cold)
    {
        var root = Path.Combine(_work, "modules");
        var gen = MonorepoGenerator.Write(Path.Combine(root, "repo"), Path.Combine(root, "proxy"),
            new MonorepoShape(options.Services, options.Modules, options.Libraries, Seed: options.Seed));
        await using var server = new GoProxyServer(gen.Proxy.Root, TimeSpan.FromMilliseconds(options.LatencyMs));
        var repo = gen.RepoRoot;
        File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), $"hashing:\n  mode: modules\ngoproxy: {server.Url}\n");
        var init = Proc.Run(options.Nixgen, ["init", "--repo", repo, "--quiet"], repo, NixgenEnv(server.Url, Path.Combine(_work, "cache-modules"))).Check("nixgen init (modules)");
        var data = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(repo, "nix", "go-modules.json")))!["modules"]!.AsObject();
        _rows.Add(($"cold init in modules mode, {options.Services} services, {options.Modules} remote modules", $"{F(cold.Baseline)} (one FOD per service); vendor mode {F(cold.Vendor)}",
            $"{F(init.Elapsed.TotalSeconds)} ({init.ProcessesStarted} processes, {data.Count} modules hashed)",
            R(cold.Baseline / init.Elapsed.TotalSeconds) + $" the baseline, {R(cold.Vendor / init.Elapsed.TotalSeconds)} vendor mode", "no go mod vendor at init"));

        // A bump of the module most services share: vendor mode re-realises one vendor FOD per dependent service
        // (each fetching all of that service's modules again); modules mode fetches that module's two files.
        var shared = gen.Services.SelectMany(s => s.RemoteModules).GroupBy(m => m, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        long ZipBytes(string m) => new FileInfo(Path.Combine(gen.Proxy.Root, m, "@v", "v1.0.0.zip")).Length;
        var dependents = gen.Services.Where(s => s.RemoteModules.Contains(shared.Key)).ToList();
        var vendorBytes = dependents.Sum(s => s.RemoteModules.Sum(ZipBytes));
        _rows.Add(($"bump of {shared.Key} (used by {dependents.Count} services): what CI realises", $"vendor mode: {dependents.Count} vendor FODs, {vendorBytes / 1024} KB fetched",
            $"modules mode: 2 fetches (.mod, .zip), {ZipBytes(shared.Key) / 1024} KB", R((double)vendorBytes / ZipBytes(shared.Key)) + " fewer bytes",
            "the other modules' store paths are reused"));
        TreeCopier.DeleteTree(root);
    }

    private void NarAgainstNix()
    {
        var tree = Path.Combine(_work, "nar-tree");
        var bytes = Trees.WriteVendorLike(tree, modules: 200, filesPerModule: 25);
        var mb = bytes / 1024.0 / 1024.0;
        string? ours = null;
        string? theirs = null;
        var nix = Median(5, () =>
        {
            var r = Proc.Run("nix", ["--extra-experimental-features", "nix-command", "hash", "path", tree], _work).Check("nix hash path");
            theirs = r.Out.Trim();
            return r.Elapsed.TotalSeconds;
        });
        var csharp = Median(5, () =>
        {
            var clock = Stopwatch.StartNew();
            ours = NarHasher.HashPath(tree);
            return clock.Elapsed.TotalSeconds;
        });
        if (ours != theirs)
        {
            throw new InvalidOperationException($"NAR hash differs: nixgen {ours}, nix {theirs}");
        }

        _rows.Add(($"NAR sha256 of a 5,000-file tree ({mb:0.0} MB)", $"{F(nix)} (`nix hash path`, incl. start-up)", $"{F(csharp)} (in-process)",
            R(nix / csharp), "hashes equal"));
    }

    private async Task ScaleAsync(int services)
    {
        var root = Path.Combine(_work, $"scale-{services}");
        var gen = MonorepoGenerator.Write(Path.Combine(root, "repo"), Path.Combine(root, "proxy"),
            new MonorepoShape(services, options.Modules, options.Libraries, Seed: options.Seed));
        await using var server = new GoProxyServer(gen.Proxy.Root, TimeSpan.FromMilliseconds(options.LatencyMs));
        var init = Proc.Run(options.Nixgen, ["init", "--repo", gen.RepoRoot, "--quiet"], gen.RepoRoot, NixgenEnv(server.Url, Path.Combine(root, "cache"))).Check($"init at {services}");
        _rows.Add(($"scaling: cold init, {services} services", "-", $"{F(init.Elapsed.TotalSeconds)}, peak {init.PeakBytes / 1024 / 1024} MB, {init.ProcessesStarted} processes",
            "-", $"{init.Elapsed.TotalMilliseconds / services:0} ms per service"));
        if (services == 200)
        {
            Affected(gen.RepoRoot);
        }

        TreeCopier.DeleteTree(root);
    }

    /// <summary>`nixgen affected` after a one-library commit, against `git diff --name-only` of the same commits.</summary>
    private void Affected(string repo)
    {
        var git = new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "bench",
            ["GIT_AUTHOR_EMAIL"] = "bench@example.com",
            ["GIT_COMMITTER_NAME"] = "bench",
            ["GIT_COMMITTER_EMAIL"] = "bench@example.com",
        };
        Proc.Run("git", ["init", "-q"], repo, git).Check("git init");
        Proc.Run("git", ["add", "-A"], repo, git).Check("git add");
        Proc.Run("git", ["commit", "-qm", "base"], repo, git).Check("git commit");
        var lib = Directory.GetDirectories(Path.Combine(repo, "libs")).Order(StringComparer.Ordinal).First();
        File.AppendAllText(Directory.GetFiles(lib, "*.go").Order(StringComparer.Ordinal).First(), "\n// An edit.\n");
        Proc.Run("git", ["commit", "-qam", "edit a library"], repo, git).Check("git commit");
        var diff = Median(3, () => Proc.Run("git", ["diff", "--name-only", "HEAD~1", "HEAD"], repo).Check("git diff").Elapsed.TotalSeconds);
        ProcResult? last = null;
        var affected = Median(3, () => (last = Proc.Run(options.Nixgen, ["affected", "--base", "HEAD~1", "--head", "HEAD", "--json"], repo).Check("nixgen affected")).Elapsed.TotalSeconds);
        var packages = System.Text.Json.Nodes.JsonNode.Parse(last!.Out)!.AsArray().Count;
        _rows.Add(("`nixgen affected`, 200 services, one library edited", $"{F(diff)} (`git diff --name-only`)", $"{F(affected)}, {packages} packages affected",
            R(affected / diff) + " the cost of the diff", "both commits read like `update` (source sets, model)"));
    }

    private static double Median(int runs, Func<double> measure)
    {
        var xs = Enumerable.Range(0, runs).Select(_ => measure()).Order().ToList();
        return xs[xs.Count / 2];
    }

    private static Dictionary<string, string?> ReadLock(string repo) => ReadLockText(File.ReadAllText(Path.Combine(repo, "nixgen.lock")));

    private static Dictionary<string, string?> ReadLockText(string text) =>
        JsonNode.Parse(text)!["services"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value!["vendorHash"], StringComparer.Ordinal);

    private string Table()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, ");
        sb.Append(Proc.Run("go", ["version"], _work).Out.Trim()).Append(", ").Append(Proc.Run("nix", ["--version"], _work).Out.Trim()).Append("\n\n");
        sb.Append("| benchmark | baseline | nixgen | ratio | note |\n|---|---|---|---|---|\n");
        foreach (var r in _rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {r.Benchmark} | {r.Baseline} | {r.Nixgen} | {r.Ratio} | {r.Note} |\n");
        }

        return sb.ToString();
    }
}
