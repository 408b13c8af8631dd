namespace NixGen.Tests.Support;

/// <summary>
/// Runs a <see cref="RepoCase"/> through the real command line (in-process): its exit code and message, nothing outside
/// the repository changed, no line marked SECRET of a file outside it in nixgen's output, and (expected/repo-unchanged)
/// the repository left as it was. Cases with <c>git</c> start git: they are integration tests.
/// </summary>
public static class RepoCaseRunner
{
    /// <summary>Runs the case in a fresh directory; fails the test with what went wrong.</summary>
    public static async Task AssertBehavesAsync(string name)
    {
        var c = RepoCase.Load(name);
        using var dir = new TempDir();
        var failure = await RunAsync(dir.Path, c);
        Assert.True(failure is null, $"{name}: {failure}");
    }

    /// <summary>Runs one case; null when it behaved, else what went wrong.</summary>
    internal static async Task<string?> RunAsync(string caseDir, RepoCase c)
    {
        var root = Path.Combine(caseDir, "repo");
        var outside = Path.Combine(caseDir, "outside");
        string Expand(string s) => s.Replace("$REPO", root, StringComparison.Ordinal).Replace("$OUTSIDE", outside, StringComparison.Ordinal)
            .Replace("$PID", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        c.Materialize("outside", outside, Expand);
        c.Materialize("repo", root, Expand);
        var secrets = Directory.EnumerateFiles(outside, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null)
            .SelectMany(File.ReadAllLines).Where(l => l.Contains("SECRET", StringComparison.Ordinal)).ToList();
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
        foreach (var (k, v) in c.Env)
        {
            env[k] = Expand(v);
        }

        var outsideBefore = RepoCase.State(outside);
        foreach (var before in c.Before)
        {
            var setup = await InProcessCli.RunAsync(root, env, Args(Expand(before)));
            if (setup.Exit != 0)
            {
                return $"`{before}` exited {setup.Exit}: {setup.Err}";
            }
        }

        if (Directory.Exists(Path.Combine(c.Folder, "later")) || c.EmptyDirs.Any(d => d.StartsWith("later/", StringComparison.Ordinal)))
        {
            c.Materialize("later", root, Expand);
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

        return c.RepoUnchanged && StateWithoutGit(root) != repoBefore ? "the repository changed" : null;
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
}
