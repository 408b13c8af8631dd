using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Hashing;
using NixGen.Output;
using NixGen.Pipeline;
using NixGen.Planning;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>The stages alone and the commands in-process: no go, no nix, no child process.</summary>
public sealed class PipelineSpecs
{
    private static void Service(string root, string dir, string requires = "")
    {
        InProcess.WriteFile(root, $"{dir}/go.mod", $"module example.com/x/{dir.Split('/')[^1]}\n\ngo 1.21\n{requires}");
        InProcess.WriteFile(root, $"{dir}/main.go", "package main\n\nfunc main() {}\n");
    }

    private static Dictionary<string, string?> Env(string scratch) => new() { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache") };

    [Fact]
    public void A_change_set_that_fails_half_way_leaves_every_file_as_it_was_and_keeps_modes()
    {
        using var dir = new TempDir();
        var flake = dir.Write("flake.nix", "old flake\n");
        File.SetUnixFileMode(flake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var before = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(flake, before);

        var e = Assert.ThrowsAny<IOException>(() => FileWriter.WriteAll(dir.Path, new Dictionary<string, string> { ["flake.nix"] = "new flake\n", ["nixgen.lock"] = "{}\n" }, ["renovate.json"]));

        Assert.Contains("renovate.json", e.Message, StringComparison.Ordinal);
        Assert.Equal("old flake\n", File.ReadAllText(flake));
        Assert.Equal(before, File.GetLastWriteTimeUtc(flake));
        Assert.False(File.Exists(Path.Combine(dir.Path, "nixgen.lock")));
        Assert.Equal(["flake.nix"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));

        FileWriter.WriteAll(dir.Path, new Dictionary<string, string> { ["flake.nix"] = "new flake\n" });
        Assert.Equal("new flake\n", File.ReadAllText(flake));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(flake));
        Assert.True(File.GetLastWriteTimeUtc(flake) > before.AddMinutes(30), "the rewritten file is a new one");
    }

    [Fact]
    public async Task An_update_that_cannot_write_the_lock_changes_no_file()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "svc");
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, Env(dir.Path), "init")).Exit);
        File.AppendAllText(Path.Combine(repo, "nixgen.yaml"), "cross: [linux/arm64]\n");
        var flakeBefore = File.ReadAllText(Path.Combine(repo, "flake.nix"));
        File.Delete(Path.Combine(repo, "nixgen.lock"));
        Directory.CreateDirectory(Path.Combine(repo, "nixgen.lock"));

        var run = await InProcessCli.RunAsync(repo, Env(dir.Path), "update");

        Assert.Equal(2, run.Exit);
        Assert.Contains("nixgen.lock: is a directory", run.Err, StringComparison.Ordinal);
        Assert.Equal(flakeBefore, File.ReadAllText(Path.Combine(repo, "flake.nix")));
    }

    [Fact]
    public async Task A_lock_from_a_newer_nixgen_is_refused_not_downgraded()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "svc");
        InProcess.WriteFile(repo, "nixgen.lock", "{\n  \"services\": {},\n  \"trees\": {},\n  \"version\": 99\n}\n");
        var run = await InProcessCli.RunAsync(repo, Env(dir.Path), "update");
        Assert.Equal(2, run.Exit);
        Assert.Equal("nixgen: nixgen.lock: format version 99 was written by a newer nixgen (this one reads version 1); upgrade nixgen, or delete the lock and run `nixgen update --force`\n", run.Err);
        Assert.Contains("\"version\": 99", File.ReadAllText(Path.Combine(repo, "nixgen.lock")), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_prints_an_empty_go_mod_as_go_mod_edit_json_does()
    {
        // `go mod edit -json` of an empty go.mod (Go 1.26.11: Tool and Ignore are printed, null), written down by hand.
        const string Go = "{\n\t\"Module\": {\n\t\t\"Path\": \"\"\n\t},\n\t\"Require\": null,\n\t\"Exclude\": null,\n\t\"Replace\": null,\n\t\"Retract\": null,\n\t\"Tool\": null,\n\t\"Ignore\": null\n}\n";
        Assert.Equal(Go, GoModJson.Write(GoModFile.Parse("go.mod", "", requireModule: false)));
    }

    [Theory]
    [InlineData("default: nosuch\n", "nixgen.yaml:1:10: default: no service is named \"nosuch\"")]
    [InlineData("services:\n  services/api:\n    mainProgram: apx\n", "services.services/api.mainProgram: the service has no binary \"apx\"")]
    public async Task A_config_that_names_what_the_repository_lacks_is_refused_before_anything_is_hashed(string yaml, string message)
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "services/api", "\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "services/api/go.sum", "example.org/text v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.org/text v1.2.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        InProcess.WriteFile(repo, "nixgen.yaml", yaml);
        // Hashing this service would run go: a go that leaves a mark says whether it was asked.
        var mark = Path.Combine(dir.Path, "go-ran");
        var go = dir.Write("bin/go", $"#!/bin/sh\ntouch '{mark}'\nexit 1\n");
        File.SetUnixFileMode(go, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = Env(dir.Path);
        env["NIXGEN_GO"] = go;

        var run = await InProcessCli.RunAsync(repo, env, "update");

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(mark), "go ran before the configuration was refused");
        Assert.False(File.Exists(Path.Combine(repo, "flake.nix")));
    }

    [Fact]
    public async Task Hash_json_prints_what_it_could_hash_beside_what_failed()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "services/fine");
        Service(repo, "services/old", "\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "services/old/go.sum", "example.org/text v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.org/text v1.2.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        // A Go older than the services' `go 1.21` line: refused before it runs.
        var go = dir.Write("go1.19/bin/go", "#!/bin/sh\nexit 1\n");
        dir.Write("go1.19/VERSION", "go1.19.8\n");
        var env = Env(dir.Path);
        env["NIXGEN_GO"] = go;

        var run = await InProcessCli.RunAsync(repo, env, "hash", "--json");

        Assert.Equal(3, run.Exit);
        var entries = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(["fine", "old"], entries.Select(e => (string)e!["name"]!));
        Assert.Null((string?)entries[0]!["vendorHash"]);
        Assert.Contains("older than the module's `go 1.21` line", (string)entries[1]!["error"]!, StringComparison.Ordinal);
        Assert.Equal(("go", "unusable"), ((string?)entries[1]!["tool"], (string?)entries[1]!["failure"]));
        Assert.Contains("nixgen: old: the local go is go1.19.8", run.Err, StringComparison.Ordinal);
    }

    private sealed class RecordingReporter : IReporter
    {
        public ConcurrentBag<(string Service, ServiceState State)> States { get; } = [];

        public void ServiceStatus(string service, ServiceState state, string detail = "") => States.Add((service, state));

        public void Progress(string message)
        {
        }

        public void Warn(string message)
        {
        }

        public void Verbose(string message)
        {
        }
    }

    [Fact]
    public async Task Services_that_fetch_nothing_are_never_shown_vendoring()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "services/plain");
        var reporter = new RecordingReporter();
        var runner = new NixGen.Processes.ToolRunner();
        await new Generator(runner, GoEnvironments.Proxy(dir.Path, "off"), reporter).GenerateAsync(repo, new GenerateOptions(Jobs: 1), CancellationToken.None);
        Assert.Equal([("plain", ServiceState.Hashed)], reporter.States);
        Assert.Equal(0, runner.ProcessesStarted);
    }

    [Fact]
    public async Task A_removed_service_is_said_with_its_nixgen_yaml_entry_and_dropped_from_the_lock()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "services/keep");
        Service(repo, "services/gone");
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, Env(dir.Path), "init")).Exit);
        Directory.Delete(Path.Combine(repo, "services", "gone"), recursive: true);

        var check = await InProcessCli.RunAsync(repo, Env(dir.Path), "check");
        Assert.Equal(1, check.Exit);
        Assert.Contains("stale: gone: removed (still in nixgen.lock)", check.Out, StringComparison.Ordinal);

        var update = await InProcessCli.RunAsync(repo, Env(dir.Path), "update", "--explain");
        Assert.Equal(0, update.Exit);
        Assert.Contains("gone: removed\n  why: nixgen.lock had it, but no module with a main package is there any more", update.Out, StringComparison.Ordinal);
        Assert.Contains("warning: nixgen.yaml:18:3: services.services/gone: no service in that directory any more (removed or moved?): delete the `services/gone:` entry", update.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("\"gone\"", File.ReadAllText(Path.Combine(repo, "nixgen.lock")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_planner_alone_says_why_from_the_lock()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "svc");
        var scanned = RepoScanner.Scan(repo);
        var first = new Planner("go1.23.5").Plan(scanned, LockFile.Empty, "local", force: false, "unused");
        Assert.Equal(["new service (not in nixgen.lock)"], Assert.Single(first.Services).Reasons);

        // A service with nothing to fetch is null whatever Go vendors: no Go is a reason to re-plan it.
        var locked = new LockedService("svc", first.Services[0].Fingerprint, first.Services[0].Modules, null, false, "go1.23", "local", "no dependencies");
        var lockFile = new LockFile(new Dictionary<string, LockedService> { ["svc"] = locked }, new Dictionary<string, IReadOnlyDictionary<string, string>>());
        Assert.Equal(PlanAction.Reuse, Assert.Single(new Planner("go1.23.9").Plan(scanned, lockFile, "local", false, "unused").Services).Action);
        Assert.Empty(new Planner("go1.27.1").Plan(scanned, lockFile, "local", false, "unused").Services[0].Reasons);
        Assert.Equal(["--force"], new Planner("go1.23.5").Plan(scanned, lockFile, "local", true, "unused").Services[0].Reasons);

        // A vendored service: only a Go of another vendoring format is a reason.
        Service(repo, "svc", "\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "svc/go.sum", "example.org/text v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.org/text v1.2.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        scanned = RepoScanner.Scan(repo);
        var vendored = new Planner("go1.23.5").Plan(scanned, LockFile.Empty, "local", false, "unused").Services[0];
        Assert.Equal("go1.21", vendored.Fingerprint["go"]);
        lockFile = new LockFile(
            new Dictionary<string, LockedService> { ["svc"] = new("svc", vendored.Fingerprint, vendored.Modules, "sha256-WAbf0Z7znhqdFx4K4RrkIMjB1lmFxJxyDwkyHdWWAsw=", false, "go1.21", "local", "1 remote module(s) vendored") },
            new Dictionary<string, IReadOnlyDictionary<string, string>>());
        Assert.Equal(PlanAction.Reuse, new Planner("go1.26.11").Plan(scanned, lockFile, "local", false, "unused").Services[0].Action);
        Assert.Equal(["Go vendoring format go1.21 -> go1.27"], new Planner("go1.27.0").Plan(scanned, lockFile, "local", false, "unused").Services[0].Reasons);
        Assert.Equal(["Go vendoring format go1.21 -> go1.20"], new Planner("go1.20.14").Plan(scanned, lockFile, "local", false, "unused").Services[0].Reasons);
    }

    [Theory]
    [InlineData("example.com/private", "example.com/private/lib", true)]
    [InlineData("*.corp.example.com", "git.corp.example.com/team/lib", true)]
    [InlineData("example.com/private", "example.com/privateer", false)]
    [InlineData("example.com/*/lib", "example.com/team/lib/v2", true)]
    public void GOPRIVATE_patterns_match_like_go(string pattern, string module, bool matches) =>
        Assert.Equal(matches, PrivateModules.MatchesPrefix(pattern, module));

    [Fact]
    public async Task A_service_that_needs_a_GOPRIVATE_module_is_warned_about_at_init()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "svc", "\nrequire git.corp.example.com/team/lib v1.0.0\n");
        InProcess.WriteFile(repo, "svc/go.sum", "git.corp.example.com/team/lib v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ngit.corp.example.com/team/lib v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        var environment = new NixGen.Hashing.GoEnvironment(Path.Combine(dir.Path, "cache"), Path.Combine(dir.Path, "mc"),
            new Dictionary<string, string?> { ["GOPROXY"] = "off", ["GOPRIVATE"] = "*.corp.example.com" });
        var hashes = dir.Write("hashes.txt", "svc sha256-WAbf0Z7znhqdFx4K4RrkIMjB1lmFxJxyDwkyHdWWAsw=\n");
        var result = await new Generator(new NixGen.Processes.ToolRunner(), environment, new SilentReporter(), new FileHasher(hashes))
            .GenerateAsync(repo, new GenerateOptions(Jobs: 1), CancellationToken.None);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("svc needs git.corp.example.com/team/lib, which GOPRIVATE names", warning, StringComparison.Ordinal);
    }
}
