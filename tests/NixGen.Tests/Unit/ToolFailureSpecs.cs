using NixGen.Hashing;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>A tool's failure is data (tool, kind, command, exit code, output): summaries and callers decide by it, not by its wording.</summary>
public sealed class ToolFailureSpecs
{
    private static HashFailure Failed(string service, string detail, ToolFailure? failure) =>
        HashFailure.Of(service, "services/" + service, "example.com/" + service, new ToolException(detail, failure, service));

    [Fact]
    public void One_cause_hitting_several_services_is_said_once()
    {
        var failure = new ToolFailure("go", ToolFailureKind.Failed, "go mod vendor", 1, "proxy unreachable");
        var text = HashFailure.Summarize([Failed("b", "go mod vendor failed: proxy unreachable", failure), Failed("a", "go mod vendor failed: proxy unreachable", failure)]);
        Assert.Equal("2 services (a, b): go mod vendor failed: proxy unreachable", text);
    }

    [Fact]
    public void The_same_words_from_different_tools_or_exit_codes_are_different_causes()
    {
        var text = HashFailure.Summarize(
        [
            Failed("a", "failed", new ToolFailure("go", ToolFailureKind.Failed, "go mod vendor", 1)),
            Failed("b", "failed", new ToolFailure("go", ToolFailureKind.Failed, "go mod vendor", 2)),
            Failed("c", "failed", new ToolFailure("nix", ToolFailureKind.Failed, "nix build", 1)),
            Failed("d", "failed", new ToolFailure("nix", ToolFailureKind.TimedOut, "nix build")),
        ]);
        Assert.Equal("a: failed\nb: failed\nc: failed\nd: failed", text);
    }

    [Fact]
    public void The_subject_is_said_once_and_kept_apart_from_the_detail()
    {
        var e = new ToolException("go mod vendor failed", new ToolFailure("go", ToolFailureKind.Failed), "api");
        Assert.Equal(("api: go mod vendor failed", "go mod vendor failed", "api"), (e.Message, e.Detail, e.Subject));
        Assert.Equal("api: go: not found on PATH", HashFailure.Summarize([HashFailure.Of("api", ".", "m", new ToolException("go: not found on PATH"))]));
    }

    /// <summary>Runs a fake tool (a sh script in the test's directory): no go, nix or git, so a unit test.</summary>
    [Fact]
    public async Task The_runner_reports_a_failed_command_as_data()
    {
        using var dir = new TempDir();
        var tool = dir.Write("bin/fails", "#!/bin/sh\necho 'it broke' >&2\nexit 3\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        var e = await Assert.ThrowsAsync<ToolException>(() => new ToolRunner().RunAsync(tool, a => a.Add("--flag"), dir.Path, new Dictionary<string, string?>(), CancellationToken.None));

        Assert.Equal(new ToolFailure(tool, ToolFailureKind.Failed, "fails --flag", 3, "it broke"), e.Failure);
        var missing = await Assert.ThrowsAsync<ToolException>(() => new ToolRunner().RunAsync(Path.Combine(dir.Path, "absent"), _ => { }, dir.Path, new Dictionary<string, string?>(), CancellationToken.None));
        Assert.Equal(ToolFailureKind.NotFound, missing.Failure?.Kind);
    }
}
