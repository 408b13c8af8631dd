using System.Diagnostics;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// The run lock of a real nixgen process where the temp directory is missing or cannot be written: the run goes on,
/// or fails at once naming the lock, but is never told that "another nixgen run holds this repository".
/// </summary>
[Trait("Category", "Integration")]
public sealed class RunLockSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public RunLockSpecs()
    {
        _dir.Write("repo/go.mod", "module example.com/svc\n\ngo 1.22\n");
        _dir.Write("repo/main.go", "package main\n\nfunc main() {}\n");
    }

    public void Dispose() => _dir.Dispose();

    private NixgenRun Update(string tmpdir) => Nixgen.Run(Path.Combine(_dir.Path, "repo"), new Dictionary<string, string?>
    {
        ["TMPDIR"] = tmpdir,
        ["XDG_RUNTIME_DIR"] = null,
        ["GOPROXY"] = "off",
        ["XDG_CACHE_HOME"] = Path.Combine(_dir.Path, "cache"),
        ["NIXGEN_SCRATCH"] = Path.Combine(_dir.Path, "scratch"),
    }, "update");

    [Fact(Timeout = 60_000)]
    public async Task A_missing_TMPDIR_is_not_another_run_holding_the_repository()
    {
        var clock = Stopwatch.StartNew();

        var run = await Task.Run(() => Update(Path.Combine(_dir.Path, "no-such-tmp")));

        Assert.True(run.Exit == 0, run.ToString());
        Assert.DoesNotContain("another nixgen run", run.Err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(File.Exists(Path.Combine(_dir.Path, "repo", "flake.nix")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_TMPDIR_that_cannot_be_written_fails_at_once_naming_the_lock()
    {
        var clock = Stopwatch.StartNew();

        var run = await Task.Run(() => Update("/proc"));

        Assert.True(run.Exit == 3, run.ToString());
        Assert.StartsWith("nixgen: cannot create the directory of the repository lock: ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("another nixgen run", run.Err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.False(File.Exists(Path.Combine(_dir.Path, "repo", "flake.nix")));
    }
}
