using NixGen.Hashing;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>Messages about Go that say what is wrong: the exact release needed, the variable that names a missing file, real directories.</summary>
public sealed class GoMessageSpecs
{
    private static string Repo(TempDir dir, string goLine)
    {
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "svc/go.mod", $"module example.com/svc\n\ngo {goLine}\n\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "svc/go.sum", "example.org/text v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.org/text v1.2.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        InProcess.WriteFile(repo, "svc/main.go", "package main\n\nimport \"example.org/text\"\n\nfunc main() { text.X() }\n");
        return repo;
    }

    private static Dictionary<string, string?> Env(string scratch, string go) =>
        new() { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache"), ["NIXGEN_GO"] = go };

    [Fact]
    public async Task A_go_line_newer_than_the_installed_patch_release_names_both_releases()
    {
        using var dir = new TempDir();
        var repo = Repo(dir, "1.26.99");
        var go = dir.Write("go/bin/go", "#!/bin/sh\necho 'should not run' >&2\nexit 1\n");
        File.SetUnixFileMode(go, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        dir.Write("go/VERSION", "go1.26.11\ntime 2026-11-04T00:00:00Z\n");

        var run = await InProcessCli.RunAsync(repo, Env(dir.Path, go), "update");

        Assert.Equal(3, run.Exit);
        Assert.Contains("svc: the local go is go1.26.11, older than the module's `go 1.26.99` line: install Go 1.26.99 or later", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Go 1.26 or later", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nixgen_go_that_names_a_missing_file_is_said_so()
    {
        using var dir = new TempDir();
        var repo = Repo(dir, "1.22");

        var run = await InProcessCli.RunAsync(repo, Env(dir.Path, "/nope/go"), "update");

        Assert.Equal(3, run.Exit);
        Assert.Contains("go: NIXGEN_GO names /nope/go, which does not exist; point it at a go executable, or unset it to use the go on PATH", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("not found on PATH", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nixgen_go_without_a_slash_is_looked_up_on_path_and_said_so()
    {
        var runner = new ToolRunner(variable: v => v switch { "NIXGEN_GO" => "go1.99", "PATH" => "/nonexistent", _ => null });
        Assert.Null(runner.Resolve("go"));
        Assert.Equal("go: NIXGEN_GO names go1.99, which is not on PATH; give its full path, or unset it to use the go on PATH", runner.NotFound("go"));
    }

    [Fact]
    public void One_cause_for_several_services_prints_their_real_directories_and_modules()
    {
        var summary = HashFailure.Summarize(
        [
            new("good", "go mod vendor failed in services/good:\n    example.com/good: dial tcp 127.0.0.1:9: connection refused", "services/good", "example.com/good"),
            new("bad", "go mod vendor failed in services/bad:\n    example.com/bad: dial tcp 127.0.0.1:9: connection refused", "services/bad", "example.com/bad"),
        ]);

        Assert.Equal(
            "2 services (bad, good): go mod vendor failed in services/bad, services/good:\n    example.com/bad, example.com/good: dial tcp 127.0.0.1:9: connection refused",
            summary);
        Assert.DoesNotContain("<dir>", summary, StringComparison.Ordinal);
    }
}
