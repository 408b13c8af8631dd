using System.Diagnostics;
using NixGen.Fixtures;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>End to end: the built nixgen as a process on temp copies of the example.</summary>
[Trait("Category", "Integration")]
public sealed class CliSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public CliSpecs() => Repo.CopyTree(Repo.Example, Root);

    private string Root => Path.Combine(_dir.Path, "repo");

    private Dictionary<string, string?> Env => Nixgen.ExampleEnv(_dir.Path);

    public void Dispose() => _dir.Dispose();

    private NixgenRun Run(params string[] args) => Nixgen.Run(Root, Env, args);

    private static void Exits(int code, NixgenRun run) => Assert.True(run.Exit == code, run.ToString());

    [Fact]
    public void Init_writes_the_flake_lock_and_config_and_its_plain_report_is_stable()
    {
        foreach (var f in new[] { "flake.nix", "nixgen.lock", "nixgen.yaml", "nix/go-sbom.json" })
        {
            File.Delete(Path.Combine(Root, f));
        }

        Directory.Delete(Path.Combine(Root, ".github"), recursive: true);

        var run = Run("init");
        Exits(0, run);
        Snapshot.Verify(Path.Combine(Repo.Snapshots, "cli"), "init-stdout", "txt", run.Out);
        Assert.Contains("  orders: hashed: sha256-", run.Err, StringComparison.Ordinal);
        Tools.AssertNixParses(Path.Combine(Root, "flake.nix"));
        // The config init wrote is the one it rendered with: check agrees at once and starts nothing.
        var check = Run("check");
        Exits(0, check);
        Assert.Equal(0, check.ProcessesStarted);
    }

    [Fact]
    public void Init_with_ci_writes_the_workflow_and_check_catches_an_edited_one()
    {
        foreach (var f in new[] { "flake.nix", "nixgen.lock", "nixgen.yaml", "nix/go-sbom.json" })
        {
            File.Delete(Path.Combine(Root, f));
        }

        Directory.Delete(Path.Combine(Root, ".github"), recursive: true);
        var run = Run("init", "--ci", "github");
        Exits(0, run);
        Assert.Contains("nixgen: wrote .github/workflows/nix.yml, flake.nix, nixgen.lock, nixgen.yaml", run.Out, StringComparison.Ordinal);
        var workflow = Path.Combine(Root, ".github", "workflows", "nix.yml");
        Assert.Contains(("orders", "ubuntu-24.04"), Workflow.Jobs(File.ReadAllText(workflow)));
        // A pull request's code runs in it: the token is read-only (only the Dependabot job may push).
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Workflow.Permissions(File.ReadAllText(workflow)));
        Exits(0, Run("check"));

        File.AppendAllText(workflow, "  extra:\n    runs-on: ubuntu-latest\n");
        var stale = Run("check");
        Exits(1, stale);
        Assert.Contains("--- a/.github/workflows/nix.yml", stale.Out, StringComparison.Ordinal);
        Exits(2, Run("init", "--ci", "github", "--force"));
    }

    [Fact]
    public void A_tool_manifest_that_pins_nixgen_is_what_ci_restores_and_a_broken_one_is_named()
    {
        var manifest = Path.Combine(Root, ".config", "dotnet-tools.json");
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        File.WriteAllText(manifest, "{\n  \"version\": 1,\n  \"isRoot\": true,\n  \"tools\": {\n    \"nixgen\": { \"version\": \"0.1.0\", \"commands\": [\"nixgen\"] }\n  }\n}\n");

        // The manifest is an input: the recorded digest no longer matches, so check renders and finds the workflows stale.
        var stale = Run("check");
        Exits(1, stale);
        Assert.Contains("+      - run: dotnet tool restore", stale.Out, StringComparison.Ordinal);
        Exits(0, Run("update"));
        var workflow = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "nix.yml"));
        Assert.Contains("        run: dotnet nixgen check\n", workflow, StringComparison.Ordinal);
        Assert.Contains("dotnet nixgen affected --base", workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet tool install", workflow, StringComparison.Ordinal);
        var bot = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "nixgen-dependabot.yml"));
        Assert.Contains("      - run: dotnet tool restore\n      - run: dotnet nixgen update --explain\n", bot, StringComparison.Ordinal);
        Exits(0, Run("check"));

        var before = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        File.WriteAllText(manifest, "{\n  \"tools\": {\n    \"nixgen\": { \"version\": 0.1 \n}\n");
        var broken = Run("update");
        Exits(2, broken);
        Assert.Matches(@"\.config/dotnet-tools\.json:\d+:\d+: not valid JSON", broken.Err);
        foreach (var (file, text) in before.Where(f => !f.Key.EndsWith("dotnet-tools.json", StringComparison.Ordinal)))
        {
            Assert.Equal(text, File.ReadAllText(file));
        }
    }

    [Fact]
    public void A_generated_file_nixgen_no_longer_produces_is_stale_and_then_removed()
    {
        var yaml = Path.Combine(Root, "nixgen.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("  dependabot: true", "  dependabot: false", StringComparison.Ordinal));
        var job = Path.Combine(Root, ".github", "workflows", "nixgen-dependabot.yml");

        var check = Run("check");
        Exits(1, check);
        Assert.Contains("--- a/.github/workflows/nixgen-dependabot.yml\n+++ /dev/null\n", check.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(job));

        var update = Run("update");
        Exits(0, update);
        Assert.Contains("removed .github/workflows/nixgen-dependabot.yml", update.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(job));
        Exits(0, Run("check"));
    }

    [Fact]
    public void A_team_s_own_renovate_json_is_not_overwritten()
    {
        var yaml = Path.Combine(Root, "nixgen.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("  dependabot: true", "  dependabot: true\n  renovate: true", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(Root, "renovate.json"), "{ \"extends\": [\"config:base\"] }\n");
        var run = Run("update");
        Exits(2, run);
        Assert.Equal("nixgen: renovate.json exists and was not generated by nixgen; use --force to replace it\n", run.Err.Split('\n').Where(l => !l.StartsWith("  ", StringComparison.Ordinal)).Aggregate((a, b) => a + "\n" + b));
        Exits(0, Run("update", "--force"));
        Assert.Contains("Generated by nixgen", File.ReadAllText(Path.Combine(Root, "renovate.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_will_not_replace_a_hand_written_flake_when_nixgen_yaml_asks_for_a_flake()
    {
        const string handWritten = "{ outputs = { self }: { }; }\n";
        File.WriteAllText(Path.Combine(Root, "flake.nix"), handWritten);
        var config = Path.Combine(Root, "nixgen.yaml");
        File.WriteAllText(config, "output: flake\n" + File.ReadAllText(config));
        var run = Run("init");
        Exits(2, run);
        Assert.Equal("nixgen: flake.nix exists and was not generated by nixgen, and nixgen.yaml asks for `output: flake`; set `output: module` (or flake-parts) to keep your flake, or use --force to replace it\n", run.Err);
        Assert.Equal(handWritten, File.ReadAllText(Path.Combine(Root, "flake.nix")));
        Exits(0, Run("init", "--force"));
        Assert.StartsWith("# Generated by nixgen", File.ReadAllText(Path.Combine(Root, "flake.nix")), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_on_a_fresh_repo_is_one_line_and_starts_no_process()
    {
        var run = Run("check");
        Exits(0, run);
        Assert.Equal("nixgen: flake.nix and nixgen.lock are current (4 services, 0 processes started; every input matches nixgen.lock)\n", run.Out);
        Assert.Equal(0, run.ProcessesStarted);
    }

    [Fact]
    public void A_lock_whose_digests_are_out_of_date_is_checked_in_full_and_still_current()
    {
        var lockPath = Path.Combine(Root, "nixgen.lock");
        var text = File.ReadAllText(lockPath);
        var start = text.IndexOf("\"inputs\": \"", StringComparison.Ordinal) + "\"inputs\": \"".Length;
        File.WriteAllText(lockPath, text[..start] + "0000" + text[(start + 4)..]);

        var run = Run("check");

        Exits(0, run);
        Assert.Equal("nixgen: flake.nix and nixgen.lock are current (4 services, 0 processes started)\n", run.Out);
    }

    [Fact]
    public void Check_on_a_stale_repo_exits_1_with_the_diff_and_the_reasons()
    {
        var yaml = Path.Combine(Root, "nixgen.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("description: Acme shop services, built with Nix", "description: Acme shop", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(Root, "libs", "platform", "httpx", "httpx.go"), "\n// Timeout is the default.\nconst Timeout = 5\n");
        var before = Repo.Snapshot(Root);

        var run = Run("check");

        Exits(1, run);
        Assert.Contains("stale: orders: local replace libs/platform changed (1 file: httpx/httpx.go)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("--- a/flake.nix\n+++ b/flake.nix\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("-  description = \"Acme shop services, built with Nix\";\n+  description = \"Acme shop\";\n", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("nixgen: generated files are stale; run `nixgen update` and commit the result\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, Repo.Snapshot(Root));
    }

    [Fact]
    public void Update_dry_run_shows_the_diff_and_touches_nothing()
    {
        var yaml = Path.Combine(Root, "nixgen.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("devShell:\n  packages: [jq]", "devShell:\n  packages: [jq, yq]", StringComparison.Ordinal));
        var times = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var before = Repo.Snapshot(Root);

        var run = Run("update", "--dry-run");

        Exits(0, run);
        Assert.Contains("+            pkgs.yq\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, Repo.Snapshot(Root));
        Assert.All(times, t => Assert.Equal(t.Value, File.GetLastWriteTimeUtc(t.Key)));
    }

    [Fact]
    public void Update_keeps_the_mtime_of_files_whose_content_did_not_change()
    {
        var flake = Path.Combine(Root, "flake.nix");
        var lockFile = Path.Combine(Root, "nixgen.lock");
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(flake, stamp);
        File.SetLastWriteTimeUtc(lockFile, stamp);
        var run = Run("update");
        Exits(0, run);
        Assert.EndsWith("nixgen: no file changed\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(flake));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(lockFile));
    }

    [Fact]
    public void Hash_json_has_every_field_per_service()
    {
        var run = Run("hash", "--json");
        Exits(0, run);
        var array = System.Text.Json.Nodes.JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(["gateway", "inventory", "notifications", "orders"], array.Select(n => (string?)n!["name"]));
        var orders = array.Single(n => (string?)n!["name"] == "orders")!;
        Assert.Equal("services/orders", (string?)orders["modRoot"]);
        Assert.Equal("sha256-TtExID7VAirGhAZipYIuCzYJEvOGIBuPNt707I/3mB0=", (string?)orders["vendorHash"]);
        Assert.False((bool)orders["proxyVendor"]!);
        Assert.Equal("local", (string?)orders["strategy"]);
        Assert.StartsWith("go1.", (string?)orders["go"], StringComparison.Ordinal);
        Assert.True((bool)orders["reused"]!);
        Assert.Equal("lock", (string?)orders["source"]);
        Assert.True((bool)array.Single(n => (string?)n!["name"] == "gateway")!["proxyVendor"]!);
    }

    [Fact]
    public void Inspect_shows_services_and_the_local_replace_graph()
    {
        var run = Run("inspect");
        Exits(0, run);
        Assert.Contains("orders           services/orders              main packages: .\n      replace acme.dev/shop/platform => libs/platform", run.Out, StringComparison.Ordinal);
        var json = Run("inspect", "--json", "services/orders/go.mod");
        Exits(0, json);
        Assert.Equal("acme.dev/shop/orders", (string?)System.Text.Json.Nodes.JsonNode.Parse(json.Out)!["Module"]!["Path"]);
    }

    [Fact]
    public void A_tool_failure_exits_3_names_the_service_and_writes_nothing()
    {
        File.Delete(Path.Combine(Root, "nixgen.lock"));
        var before = Repo.Snapshot(Root);
        var env = new Dictionary<string, string?>(Env) { ["GOPROXY"] = "off" };
        var run = Nixgen.Run(Root, env, "update");
        Exits(3, run);
        Assert.Contains("nixgen: inventory: go mod vendor failed in services/inventory:", run.Err, StringComparison.Ordinal);
        Assert.Contains("module lookup disabled by GOPROXY=off", run.Err, StringComparison.Ordinal);
        Assert.Equal(before, Repo.Snapshot(Root));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        var run = Run("update", "--strategy", "bogus");
        Exits(2, run);
        Assert.StartsWith("nixgen: Argument 'bogus' not recognized.", run.Err, StringComparison.Ordinal);
        Exits(2, Run("frobnicate"));
        Exits(0, Run("--help"));
    }

    [Fact]
    public async Task Two_concurrent_runs_do_not_interleave_and_leave_valid_files()
    {
        File.Delete(Path.Combine(Root, "nixgen.lock"));
        var env = Env;
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Nixgen.Run(Root, env, "update", "--force"))));
        Assert.All(runs, r => Exits(0, r));
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Example, "flake.nix")), File.ReadAllText(Path.Combine(Root, "flake.nix")));
        Assert.Empty(Directory.EnumerateFiles(Root, "*.tmp*", SearchOption.AllDirectories));
        Exits(0, Run("check"));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_children_exits_130_and_leaves_the_files_alone()
    {
        await using var slow = await SlowRepoAsync();
        var before = Repo.Snapshot(slow.Root);
        using var p = Tools.Start(Nixgen.StartInfo(slow.Root, slow.Env, "update", "--force"));
        var stderr = p.StandardError.ReadToEndAsync();
        await WaitForAsync(() => ChildGoProcesses(p.Id).Count > 0, TimeSpan.FromSeconds(30));
        var children = ChildGoProcesses(p.Id);

        Signal("INT", p.Id);

        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(20)), "nixgen did not stop after SIGINT");
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("cancelled; no file was changed", await stderr, StringComparison.Ordinal);
        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"child {pid} still runs"));
        Assert.Equal(before, Repo.Snapshot(slow.Root));
    }

    [Fact]
    public async Task A_run_killed_midway_leaves_the_previous_files_intact()
    {
        await using var slow = await SlowRepoAsync();
        var before = Repo.Snapshot(slow.Root);
        using var p = Tools.Start(Nixgen.StartInfo(slow.Root, slow.Env, "update", "--force"));
        await WaitForAsync(() => ChildGoProcesses(p.Id).Count > 0, TimeSpan.FromSeconds(30));
        p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();
        Assert.Equal(before, Repo.Snapshot(slow.Root));
        Exits(0, Nixgen.Run(slow.Root, slow.Env, "check"));
    }

    [Fact]
    public void In_a_terminal_the_report_is_a_table()
    {
        if (Tools.Run("which", _dir.Path, null, "script").Exit != 0)
        {
            Assert.Fail("`script` (util-linux) is needed to give nixgen a terminal");
        }

        var command = "stty cols 160; " + string.Join(' ', ["dotnet", Path.Combine(AppContext.BaseDirectory, "nixgen.dll"), "update", "--force", "--repo", Root]);
        var env = Env.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        env["TERM"] = "xterm";
        var (exit, stdout, stderr) = Tools.Run("script", _dir.Path, env, "-qec", command, "/dev/null");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"service +[│|] vendorHash +[│|] outcome", stdout);
        Assert.Matches(@"orders +[│|] sha256-TtExID7VAirGhAZipYIuCzYJEvOGIBuPNt707I/3mB0= +[│|] .*re-hashed, same hash", stdout);
    }

    private static void Signal(string signal, int pid) => Assert.Equal(0, Tools.Run("kill", "/", null, "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).Exit);

    private static List<int> ChildGoProcesses(int parent)
    {
        var result = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent && stat.Contains("(go)", StringComparison.Ordinal))
                {
                    result.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return result;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, "timed out waiting");
            await Task.Delay(20);
        }
    }

    /// <summary>A generated repository whose proxy answers every request after 3 s, so hashing is slow enough to interrupt.</summary>
    private async Task<SlowRepo> SlowRepoAsync()
    {
        var gen = MonorepoGenerator.Write(Path.Combine(_dir.Path, "slow"), Path.Combine(_dir.Path, "slow-proxy"), new MonorepoShape(Services: 4, RemoteModules: 3, LocalLibraries: 1, FilesPerModule: 2));
        var fast = new GoProxyServer(gen.Proxy.Root, TimeSpan.Zero);
        var env = new Dictionary<string, string?>(Env) { ["GOPROXY"] = fast.Url };
        var init = Nixgen.Run(gen.RepoRoot, env, "init");
        await fast.DisposeAsync();
        Exits(0, init);
        var server = new GoProxyServer(gen.Proxy.Root, TimeSpan.FromSeconds(3));
        // A fresh module cache, so the forced run has to fetch.
        return new SlowRepo(gen.RepoRoot, new Dictionary<string, string?>(env) { ["GOPROXY"] = server.Url, ["XDG_CACHE_HOME"] = Path.Combine(_dir.Path, "cache2") }, server);
    }

    private sealed record SlowRepo(string Root, Dictionary<string, string?> Env, GoProxyServer Server) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
