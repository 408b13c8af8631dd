using System.Diagnostics;
using NixGen.Discovery;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// A nixgen process that is told to stop, or whose tool hangs: the children go, the scratch goes, the files stay, and
/// the exit code says what happened (143 for SIGTERM, 3 for a tool that outlived NIXGEN_TIMEOUT).
/// </summary>
[Trait("Category", "Integration")]
public sealed class TerminationSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Root => Path.Combine(_dir.Path, "repo");

    private string Scratch => Path.Combine(_dir.Path, "scratch");

    private string Pids => Path.Combine(_dir.Path, "go.pids");

    /// <summary>A service with one remote dependency, and a fake go that records its pid and hangs.</summary>
    private Dictionary<string, string?> HangingGo(params (string Key, string Value)[] extra)
    {
        _dir.Write("repo/go.mod", "module example.com/svc\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n");
        _dir.Write("repo/go.sum", "example.com/dep v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/dep v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        _dir.Write("repo/main.go", "package main\n\nfunc main() {}\n");
        var go = _dir.Write("fake/bin/go", $"#!/bin/sh\necho $$ >> {Pids}\nexec sleep 120\n");
        File.SetUnixFileMode(go, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string?>
        {
            ["NIXGEN_GO"] = go,
            ["GOPROXY"] = "off",
            ["XDG_CACHE_HOME"] = Path.Combine(_dir.Path, "cache"),
            ["NIXGEN_SCRATCH"] = Scratch,
        };
        foreach (var (k, v) in extra)
        {
            env[k] = v;
        }

        return env;
    }

    private IReadOnlyList<int> GoPids() =>
        File.Exists(Pids) ? [.. File.ReadAllLines(Pids).Where(l => l.Length > 0).Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture))] : [];

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "the condition did not hold in time");
            await Task.Delay(100);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task SIGTERM_stops_the_children_removes_the_scratch_and_exits_143()
    {
        var env = HangingGo();
        var before = Repo.Snapshot(Root);
        using var p = Tools.Start(Nixgen.StartInfo(Root, env, "update", "--force"));
        var stderr = p.StandardError.ReadToEndAsync();
        await WaitForAsync(() => GoPids().Count > 0, TimeSpan.FromSeconds(60));
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Scratch, "nixgen-*"));

        Assert.Equal(0, Tools.Run("kill", "/", null, "-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Exit);

        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "nixgen did not stop after SIGTERM");
        Assert.Equal(143, p.ExitCode);
        Assert.Contains("cancelled; no file was changed", await stderr, StringComparison.Ordinal);
        await WaitForAsync(() => GoPids().All(pid => !Directory.Exists($"/proc/{pid}")), TimeSpan.FromSeconds(5));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Scratch, "nixgen-*"));
        Assert.Equal(before, Repo.Snapshot(Root));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_go_that_hangs_is_stopped_after_NIXGEN_TIMEOUT_and_the_run_exits_3()
    {
        var env = HangingGo(("NIXGEN_TIMEOUT", "2"));
        var before = Repo.Snapshot(Root);
        var clock = Stopwatch.StartNew();

        var run = await Task.Run(() => Nixgen.Run(Root, env, "update", "--force"));

        Assert.True(run.Exit == 3, run.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Contains("did not finish within 2 s and was stopped (NIXGEN_TIMEOUT", run.Err, StringComparison.Ordinal);
        Assert.NotEmpty(GoPids());
        Assert.All(GoPids(), pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"go {pid} still runs"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Scratch, "nixgen-*"));
        Assert.Equal(before, Repo.Snapshot(Root));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_git_that_hangs_is_stopped_too()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        var git = _dir.Write("fake/bin/git", $"#!/bin/sh\necho $$ >> {Pids}\nexec sleep 120\n");
        File.SetUnixFileMode(git, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new ToolRunner(tools: new Dictionary<string, string> { ["git"] = git }, variable: name => name == "NIXGEN_TIMEOUT" ? "1" : null);

        var e = await Assert.ThrowsAsync<ToolException>(() => Task.Run(() => RepoView.Load(Root, runner)));

        Assert.Contains("git ls-files", e.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish within 1 s", e.Message, StringComparison.Ordinal);
        Assert.All(GoPids(), pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"git {pid} still runs"));
    }
}
