using NixGen.Fixtures;
using NixGen.Pipeline;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>Failures are per service, quote the tool, write nothing, and lose no other service's result.</summary>
[Trait("Category", "Integration")]
public sealed class HashFailureSpecs : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly GoProxyBuilder _proxy;

    public HashFailureSpecs()
    {
        _proxy = new GoProxyBuilder(Path.Combine(_dir.Path, "proxy"));
        _proxy.Publish("example.org/text", "v1.2.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/text\n\ngo 1.21\n",
            ["text.go"] = "package text\n\n// Shout upper-cases.\nfunc Shout(s string) string { return s + \"!\" }\n",
        });
        Service("good");
        Service("bad");
    }

    private string Root => Path.Combine(_dir.Path, "repo");

    public void Dispose() => _dir.Dispose();

    private void Service(string name, string requires = "require example.org/text v1.2.0\n", IEnumerable<string>? sums = null)
    {
        _dir.Write($"repo/services/{name}/go.mod", $"module example.com/f/{name}\n\ngo 1.21\n\n{requires}");
        _dir.Write($"repo/services/{name}/go.sum", string.Concat((sums ?? _proxy.SumLines("example.org/text", "v1.2.0")).Select(l => l + "\n")));
        _dir.Write($"repo/services/{name}/main.go", "package main\n\nimport \"example.org/text\"\n\nfunc main() { println(text.Shout(\"x\")) }\n");
    }

    private Task<GenerationResult> Run(ToolRunner? runner = null, string? proxy = null, string strategy = "local") =>
        new Generator(runner ?? new ToolRunner(), GoEnvironments.Proxy(_dir.Path, proxy ?? _proxy.Url), new SilentReporter())
            .GenerateAsync(Root, new GenerateOptions(Jobs: 2, Strategy: strategy), CancellationToken.None);

    private async Task<string> FailsWith(ToolRunner? runner = null, string? proxy = null, string strategy = "local")
    {
        var before = Repo.Snapshot(Root);
        var e = await Assert.ThrowsAnyAsync<ToolException>(() => Run(runner, proxy, strategy));
        Assert.Equal(before, Repo.Snapshot(Root));
        return e.Message;
    }

    [Fact]
    public async Task A_missing_go_sum_entry_names_the_service_and_quotes_go()
    {
        Service("bad", sums: _proxy.SumLines("example.org/text", "v1.2.0").Skip(1));
        var message = await FailsWith();
        Assert.StartsWith("bad: go mod vendor failed in services/bad:", message, StringComparison.Ordinal);
        Assert.Contains("missing go.sum entry for module providing package example.org/text", message, StringComparison.Ordinal);
        Assert.DoesNotContain("good", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checksum_mismatch_is_reported_as_go_reports_it()
    {
        var lines = _proxy.SumLines("example.org/text", "v1.2.0").ToArray();
        lines[0] = lines[0][..^5] + "AAAA=";
        Service("bad", sums: lines);
        var message = await FailsWith();
        Assert.StartsWith("bad: ", message, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_proxy_is_one_message_naming_every_service_it_stops()
    {
        var message = await FailsWith(proxy: "http://127.0.0.1:9");
        Assert.StartsWith("2 services (bad, good): go mod vendor failed in services/bad, services/good:", message, StringComparison.Ordinal);
        Assert.Single(message.Split('\n'), l => l.Contains("127.0.0.1:9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_module_the_proxy_does_not_have_is_named()
    {
        Service("bad", "require example.org/nope v1.0.0\n", ["example.org/nope v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "example.org/nope v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]);
        _dir.Write("repo/services/bad/main.go", "package main\n\nimport \"example.org/nope\"\n\nfunc main() { nope.X() }\n");
        var message = await FailsWith();
        Assert.StartsWith("bad: ", message, StringComparison.Ordinal);
        Assert.Contains("example.org/nope", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Go_missing_is_one_clear_message()
    {
        var message = await FailsWith(new ToolRunner(tools: new Dictionary<string, string> { ["go"] = "/nonexistent/bin/go" }));
        Assert.Contains("go: /nonexistent/bin/go does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_go_older_than_the_module_is_refused_before_it_runs()
    {
        // A stand-in toolchain layout: bin/go and the VERSION file Go ships beside it.
        var fake = _dir.Write("go1.19/bin/go", "#!/bin/sh\necho 'should not run' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _dir.Write("go1.19/VERSION", "go1.19.8\ntime 2023-04-04T00:00:00Z\n");
        var runner = new ToolRunner(tools: new Dictionary<string, string> { ["go"] = fake });
        var message = await FailsWith(runner);
        Assert.StartsWith("2 services (bad, good): the local go is go1.19.8, older than the module's `go 1.21` line", message, StringComparison.Ordinal);
        Assert.Equal(0, runner.ProcessesStarted);
    }

    [Fact]
    public async Task A_nix_too_old_for_flakes_is_refused_by_the_nix_strategy()
    {
        var fake = _dir.Write("nix-2.3/bin/nix", "#!/bin/sh\necho 'nix (Nix) 2.3.16'\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var message = await FailsWith(new ToolRunner(tools: new Dictionary<string, string> { ["nix"] = fake }), strategy: "nix");
        Assert.Contains("nix: version 2.3.16 is too old for the nix strategy", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_hashed_before_another_failed_are_not_lost()
    {
        Service("bad", sums: _proxy.SumLines("example.org/text", "v1.2.0").Skip(1));
        await FailsWith();

        Service("bad");
        var runner = new ToolRunner();
        var result = await Run(runner);
        Assert.Equal(1, runner.ProcessesStarted);
        Assert.True(Assert.Single(result.Services, s => s.Name == "good").FromCache);
        Assert.False(Assert.Single(result.Services, s => s.Name == "bad").FromCache);
        Assert.Equal(result.Services[0].VendorHash, result.Services[1].VendorHash);
    }
}
