using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// The bad-input corpus, through the real command line (in-process: the same parser, commands and exit codes): every
/// repository of tests/cases/bad-repos (layout in <see cref="RepoCase"/>), and every malformed go.mod / go.work / go.sum
/// of tests/cases/malformed placed in a repository. Each must give its one message and exit code and leave the
/// repository exactly as it was.
/// </summary>
public sealed class CliCorpusSpecs
{
    public static TheoryData<string> BadRepos() => [.. RepoCase.Names("bad-repos")];

    public static TheoryData<string> MalformedFiles() => [.. MalformedCase.Names()];

    [Fact]
    public void The_corpus_has_over_a_hundred_cases() => Assert.True(BadRepos().Count + MalformedFiles().Count >= 100);

    [Fact]
    public void No_bad_repository_needs_git() => Assert.DoesNotContain(RepoCase.Names("bad-repos"), n => File.Exists(Path.Combine(RepoCase.Root, n, "git")));

    [Theory]
    [MemberData(nameof(BadRepos))]
    public Task A_bad_repository_gets_its_message_and_exit_code_and_is_left_unchanged(string @case) => RepoCaseRunner.AssertBehavesAsync(@case);

    /// <summary>The malformed file placed where nixgen reads it in a repository with one service.</summary>
    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_in_a_repository_gets_its_message_and_exit_code_and_is_left_unchanged(string @case)
    {
        var c = MalformedCase.Load(@case);
        const string main = "package main\n\nfunc main() {}\n";
        var (path, files) = c.Kind switch
        {
            "go.mod" => ("services/api/go.mod", new Dictionary<string, string> { ["services/api/go.mod"] = c.Input, ["services/api/main.go"] = main }),
            "go.sum" => ("services/api/go.sum", new Dictionary<string, string> { ["services/api/go.mod"] = "module example.com/api\n", ["services/api/go.sum"] = c.Input, ["services/api/main.go"] = main }),
            _ => ("go.work", new Dictionary<string, string> { ["go.work"] = c.Input, ["services/api/go.mod"] = "module example.com/api\n", ["services/api/main.go"] = main }),
        };
        var expected = "nixgen: " + System.Text.RegularExpressions.Regex.Replace(c.Expected, $@"(^|at ){System.Text.RegularExpressions.Regex.Escape(c.Kind)}:", "$1" + path + ":", System.Text.RegularExpressions.RegexOptions.Multiline);
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "repo");
        foreach (var (file, text) in files)
        {
            dir.Write("repo/" + file, text);
        }

        var before = RepoCase.State(root);
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache"), ["NIXGEN_SCRATCH"] = Path.Combine(dir.Path, "scratch") };
        var run = await InProcessCli.RunAsync(root, env, "update");
        // Everything nixgen says on stderr except its indented progress lines.
        var messages = string.Join("\n", run.Err.Split('\n').Where(l => l.Trim().Length > 0 && !l.StartsWith("  ", StringComparison.Ordinal))).Replace(root, "$REPO", StringComparison.Ordinal);
        Assert.Equal((2, expected), (run.Exit, messages));
        Assert.Equal(before, RepoCase.State(root));
    }
}
