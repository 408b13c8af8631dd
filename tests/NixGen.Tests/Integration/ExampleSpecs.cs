using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// The example and its lock against the Go toolchain installed here: nixgen starts no process for them, but reads the
/// local go's release (GOROOT/VERSION), which is part of every lock's inputs, so these need Go 1.26 installed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExampleSpecs
{
    /// <summary>
    /// The example's committed files are the one snapshot of the example: regenerating it (with the real pipeline, every
    /// hash from its lock, so no process starts) changes nothing. Accept a template change with NIXGEN_ACCEPT_SNAPSHOTS=1,
    /// which rewrites the example itself.
    /// </summary>
    [Fact]
    public async Task The_example_is_what_nixgen_generates_for_it()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Repo.CopyTree(Repo.Example, repo);
        var runner = new NixGen.Processes.ToolRunner();
        var result = await new NixGen.Pipeline.Generator(runner, GoEnvironments.Example(dir.Path), new NixGen.Pipeline.SilentReporter())
            .GenerateAsync(repo, new NixGen.Pipeline.GenerateOptions(), CancellationToken.None);
        Assert.Equal(0, runner.ProcessesStarted);
        foreach (var (file, text) in result.Files)
        {
            var committed = Path.Combine(Repo.Example, file);
            if (Environment.GetEnvironmentVariable("NIXGEN_ACCEPT_SNAPSHOTS") == "1")
            {
                File.WriteAllText(committed, text);
            }

            Assert.True(File.Exists(committed) && File.ReadAllText(committed) == text,
                $"examples/multiservice/{file} is not what nixgen generates:\n" + NixGen.Output.UnifiedDiff.Create(File.Exists(committed) ? File.ReadAllText(committed) : "", text, "a/" + file, "b/" + file));
        }
    }

    [Fact]
    public async Task A_lock_written_by_another_go_of_the_same_vendoring_format_is_current()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var runner = new ToolRunner();
        var local = NixGen.Planning.GoToolchain.LocalVersion(runner.Resolve("go"));
        Assert.StartsWith("go" + Repo.DefaultGo, local, StringComparison.Ordinal);
        var lockPath = Path.Combine(repo, "nixgen.lock");
        // Another series (a developer on Go 1.24) and an older lock's full release: both vendor what Go 1.26 vendors.
        var pattern = new System.Text.RegularExpressions.Regex("\"go\": \"go1\\.2[1-6][^\"]*\"");
        var text = pattern.Replace(File.ReadAllText(lockPath), "\"go\": \"go1.24.4\"");
        text = pattern.Replace(text, "\"go\": \"go1.23.1\"", 2);
        Assert.Contains("go1.23.1", text, StringComparison.Ordinal);
        Assert.Contains("go1.24.4", text, StringComparison.Ordinal);
        File.WriteAllText(lockPath, text);

        var result = await InProcess.GenerateAsync(repo, GoEnvironments.Example(dir.Path), runner: runner);

        Assert.All(result.Services, s => Assert.Empty(s.Reasons));
        Assert.Equal(0, runner.ProcessesStarted);
        Assert.Empty(InProcess.Stale(repo, result));
    }
}
