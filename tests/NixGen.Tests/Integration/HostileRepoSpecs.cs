using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// The hostile-repository corpus (Cases/hostile/*.txt, format in <see cref="RepoCase"/>): repositories written the way a
/// pull request's author would write them to turn nixgen against the machine it runs on. Each case gets its exit code
/// and message (expectations written by hand), and in every case nothing outside the repository changes, and no line
/// marked SECRET of a file outside it reaches nixgen's output; a refused run leaves the repository as it was.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileRepoSpecs
{
    private static IEnumerable<(string File, RepoCase Case)> Cases() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Cases", "hostile"), "*.txt")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => RepoCase.Read(f).Select(c => (Path.GetFileNameWithoutExtension(f), c)));

    [Fact]
    public void The_hostile_corpus_has_at_least_sixty_cases() => Assert.True(Cases().Count() >= 60, $"{Cases().Count()} cases");

    [Fact]
    public void Hostile_case_names_are_unique() =>
        Assert.Empty(Cases().GroupBy(c => c.File + "/" + c.Case.Name).Where(g => g.Count() > 1).Select(g => g.Key));

    [Fact]
    public async Task No_hostile_repository_reaches_outside_it_and_each_gets_its_exit_code_and_message()
    {
        using var dir = new TempDir();
        var cases = Cases().ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, _) =>
        {
            var (file, c) = entry;
            var name = file + "/" + c.Name;
            if (await RunAsync(Path.Combine(dir.Path, Safe(name)), c) is { } failure)
            {
                failures.Add(name + ": " + failure);
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    /// <summary>Runs one case; null when it behaved, else what went wrong.</summary>
    internal static async Task<string?> RunAsync(string caseDir, RepoCase c)
    {
        var root = Path.Combine(caseDir, "repo");
        var outside = Path.Combine(caseDir, "outside");
        string Expand(string s) => s.Replace("$REPO", root, StringComparison.Ordinal).Replace("$OUTSIDE", outside, StringComparison.Ordinal)
            .Replace("$PID", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(outside);
        RepoCase.Write(outside, c.Files.Where(f => f.Key.StartsWith("$OUTSIDE/", StringComparison.Ordinal)).Select(f => KeyValuePair.Create(f.Key["$OUTSIDE/".Length..], f.Value)), Expand);
        RepoCase.Write(root, c.Files.Where(f => !f.Key.StartsWith("$OUTSIDE/", StringComparison.Ordinal) && !f.Key.StartsWith("later:", StringComparison.Ordinal)), Expand);
        var secrets = c.Files.Where(f => f.Key.StartsWith("$OUTSIDE/", StringComparison.Ordinal))
            .SelectMany(f => f.Value.Split('\n')).Where(l => l.Contains("SECRET", StringComparison.Ordinal)).ToList();
        if (c.Git)
        {
            Git(root, "init", "-q", "-b", "main");
            Commit(root);
        }

        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = "off",
            ["XDG_CACHE_HOME"] = Path.Combine(caseDir, "cache"),
            ["NIXGEN_SCRATCH"] = Path.Combine(caseDir, "scratch"),
        };
        foreach (var (k, v) in c.Env ?? new Dictionary<string, string>())
        {
            env[k] = Expand(v);
        }

        var outsideBefore = RepoCase.State(outside);
        foreach (var before in c.Before ?? [])
        {
            var setup = await InProcessCli.RunAsync(root, env, Args(Expand(before)));
            if (setup.Exit != 0)
            {
                return $"`{before}` exited {setup.Exit}: {setup.Err}";
            }
        }

        var later = c.Files.Where(f => f.Key.StartsWith("later:", StringComparison.Ordinal)).ToList();
        if (later.Count > 0)
        {
            foreach (var (rel, _) in later)
            {
                var path = Path.Combine(root, Expand(rel["later:".Length..]));
                if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                {
                    File.Delete(path);
                }
            }

            RepoCase.Write(root, later.Select(f => KeyValuePair.Create(Expand(f.Key["later:".Length..]), f.Value)), Expand);
            if (c.Git)
            {
                Commit(root);
            }
        }

        var repoBefore = StateWithoutGit(root);
        var run = await InProcessCli.RunAsync(root, env, Args(Expand(c.Args)));
        var messages = string.Join("\n", run.Err.Split('\n').Where(l => l.Trim().Length > 0 && !l.StartsWith("  ", StringComparison.Ordinal)))
            .Replace(root, "$REPO", StringComparison.Ordinal).Replace(outside, "$OUTSIDE", StringComparison.Ordinal);
        if (RepoCase.State(outside) != outsideBefore)
        {
            return "a file outside the repository changed:\n" + RepoCase.State(outside);
        }

        if (secrets.FirstOrDefault(s => run.Out.Contains(s, StringComparison.Ordinal) || run.Err.Contains(s, StringComparison.Ordinal)) is { } leaked)
        {
            return $"a file outside the repository was read and printed: {leaked}";
        }

        if (run.Exit != c.Exit || messages != Expand(c.Expected).Replace(root, "$REPO", StringComparison.Ordinal).Replace(outside, "$OUTSIDE", StringComparison.Ordinal))
        {
            return $"expected exit {c.Exit} and\n  {c.Expected}\ngot exit {run.Exit} and\n  {messages}\n";
        }

        return c.Exit is not (0 or 1) && StateWithoutGit(root) != repoBefore ? "the repository changed" : null;
    }

    private static string[] Args(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string StateWithoutGit(string root) =>
        string.Join("\n", RepoCase.State(root).Split('\n').Where(l => !l.StartsWith("/.git", StringComparison.Ordinal)));

    private static void Commit(string root)
    {
        Git(root, "add", "-A");
        Git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "case");
    }

    private static void Git(string dir, params string[] args)
    {
        var (exit, _, stderr) = Tools.Run("git", dir, null, args);
        Assert.True(exit == 0, $"git {string.Join(' ', args)}: {stderr}");
    }

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
