using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// The bad-input corpus, through the real command line (in-process: the same parser, commands and exit codes): every repository in Cases/bad-repos.txt, and every malformed
/// go.mod / go.work / go.sum of Cases/malformed.txt placed in a repository. Each must give its one message and exit
/// code and leave the repository exactly as it was.
/// </summary>
public sealed class CliCorpusSpecs
{
    private static IEnumerable<RepoCase> BadRepos() => RepoCase.Read(Path.Combine(AppContext.BaseDirectory, "Cases", "bad-repos.txt"));

    /// <summary>Each malformed file of the parser corpus, placed where nixgen reads it in a repository with one service.</summary>
    private static IEnumerable<RepoCase> MalformedFiles()
    {
        const string main = "package main\n\nfunc main() {}\n";
        foreach (var c in CaseFile.Read(Path.Combine(AppContext.BaseDirectory, "Cases", "malformed.txt")))
        {
            var kind = c.Name.Split('/')[0];
            var (path, files) = kind switch
            {
                "go.mod" => ("services/api/go.mod", new Dictionary<string, string> { ["services/api/go.mod"] = c.Input, ["services/api/main.go"] = main }),
                "go.sum" => ("services/api/go.sum", new Dictionary<string, string> { ["services/api/go.mod"] = "module example.com/api\n", ["services/api/go.sum"] = c.Input, ["services/api/main.go"] = main }),
                _ => ("go.work", new Dictionary<string, string> { ["go.work"] = c.Input, ["services/api/go.mod"] = "module example.com/api\n", ["services/api/main.go"] = main }),
            };
            var message = "nixgen: " + System.Text.RegularExpressions.Regex.Replace(c.Expected, $@"(^|at ){System.Text.RegularExpressions.Regex.Escape(kind)}:", "$1" + path + ":", System.Text.RegularExpressions.RegexOptions.Multiline);
            yield return new RepoCase("malformed:" + c.Name, "update", 2, files, message);
        }
    }

    [Fact]
    public void The_corpus_has_over_a_hundred_cases() => Assert.True(BadRepos().Count() + MalformedFiles().Count() >= 100);

    [Fact]
    public async Task Every_bad_repository_gets_its_message_and_exit_code_and_is_left_unchanged()
    {
        using var dir = new TempDir();
        var cases = BadRepos().Concat(MalformedFiles()).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, _) =>
        {
            var root = Path.Combine(dir.Path, Safe(c.Name));
            RepoCase.Write(root, c.Files);
            var before = RepoCase.State(root);
            var env = new Dictionary<string, string?> { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = root + "-cache", ["NIXGEN_SCRATCH"] = root + "-tmp" };
            var run = await InProcessCli.RunAsync(root, env, c.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            // Everything nixgen says on stderr except its indented progress lines.
            var messages = string.Join("\n", run.Err.Split('\n').Where(l => l.Trim().Length > 0 && !l.StartsWith("  ", StringComparison.Ordinal)))
                .Replace(root, "$REPO", StringComparison.Ordinal);
            if (run.Exit != c.Exit || messages != c.Expected)
            {
                failures.Add($"{c.Name}: expected exit {c.Exit} and\n  {c.Expected}\ngot exit {run.Exit} and\n  {messages}\n");
            }
            else if (c.Exit != 0 && RepoCase.State(root) != before)
            {
                failures.Add($"{c.Name}: the repository changed");
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
