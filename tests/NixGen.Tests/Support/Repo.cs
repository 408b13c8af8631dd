namespace NixGen.Tests.Support;

/// <summary>Paths of the repository under test and the tools the integration tests use.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Example => Path.Combine(Root, "examples", "multiservice");

    public static string Snapshots => Path.Combine(Root, "tests", "snapshots");

    /// <summary>
    /// Go's parser test files: ../shared/corpus beside the checkout (CI gets a copy of shared/ there), or the directory
    /// NIXGEN_CORPUS names; NIXGEN_CORPUS=none hides it (scripts/test-unit.sh proves the unit tier does without it).
    /// </summary>
    public static string Corpus =>
        Environment.GetEnvironmentVariable("NIXGEN_CORPUS") is { Length: > 0 } c && c != "none" ? c : Path.Combine(Root, "..", "shared", "corpus", "x-mod-modfile");

    /// <summary>Whether Go's parser corpus is beside the checkout (a clone elsewhere has none: its tests are skipped, saying so).</summary>
    public static bool HasCorpus => Environment.GetEnvironmentVariable("NIXGEN_CORPUS") != "none" && Directory.Exists(Corpus);

    /// <summary>
    /// NIXGEN_NO_TOOLS=1: the toolchains scripts/setup.sh installs are not put on PATH and <see cref="GoBin"/> finds none,
    /// so a run sees only the PATH its caller gives (scripts/test-unit.sh: the unit tier without go or nix).
    /// </summary>
    public static bool NoTools => Environment.GetEnvironmentVariable("NIXGEN_NO_TOOLS") == "1";

    /// <summary>The message of a test skipped for want of the corpus.</summary>
    public static string NoCorpus => $"Go's parser corpus is not at {Path.GetFullPath(Corpus)} (only the project's CI has ../shared): skipped";

    /// <summary>The wrappers of scripts/setup.sh (Nix 2.26 from a Debian 13 root).</summary>
    public static string NixTools =>
        Path.Combine(Environment.GetEnvironmentVariable("NIXGEN_TOOLS") is { Length: > 0 } t ? t : Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } c ? c : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "nixgen-ci"), "bin");

    /// <summary>The directory of the <c>go</c> of a series scripts/setup.sh installs (<c>1.26</c>), or null when it is not here.</summary>
    /// <remarks>Debian's /usr/lib/go-X (scripts/setup.sh), else actions/setup-go's tool cache (the project's GitHub workflow).</remarks>
    public static string? GoBin(string series)
    {
        if (NoTools)
        {
            return null;
        }

        if (Directory.Exists($"/usr/lib/go-{series}/bin"))
        {
            return $"/usr/lib/go-{series}/bin";
        }

        var cache = Path.Combine(Environment.GetEnvironmentVariable("RUNNER_TOOL_CACHE") ?? "/opt/hostedtoolcache", "go");
        return Directory.Exists(cache)
            ? Directory.EnumerateDirectories(cache, series + ".*").Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "x64", "bin")).LastOrDefault(Directory.Exists)
            : null;
    }

    /// <summary>The Go series the tests run with unless they pick one: the newest users run.</summary>
    public const string DefaultGo = "1.26";

    static Repo()
    {
        // The toolchains the README installs, first on PATH whatever the caller's PATH (scripts/env.sh does the same):
        // Go 1.26 and Nix 2.26. A test about another series passes that series' GoBin to the tools it runs.
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (NoTools)
        {
            return;
        }

        foreach (var dir in new[] { GoBin(DefaultGo), NixTools })
        {
            if (dir is not null && Directory.Exists(dir) && !path.Split(':').Take(2).Contains(dir))
            {
                path = dir + ":" + path;
            }
        }

        Environment.SetEnvironmentVariable("PATH", path);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NixGen.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("NixGen.sln not found above the test binaries");
    }

    /// <summary>Copies <paramref name="source"/> to <c>repo/</c> in <paramref name="dir"/> and deletes the named files there.</summary>
    public static string CopyRepo(TempDir dir, string source, params string[] delete)
    {
        var repo = System.IO.Path.Combine(dir.Path, "repo");
        CopyTree(source, repo);
        foreach (var f in delete)
        {
            File.Delete(System.IO.Path.Combine(repo, f));
        }

        return repo;
    }

    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var dest = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo d)
            {
                CopyTree(d.FullName, dest);
            }
            else
            {
                File.Copy(entry.FullName, dest);
            }
        }
    }

    /// <summary>The tree's files and contents, to assert that a run left a repository byte-identical.</summary>
    public static SortedDictionary<string, string> Snapshot(string dir)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(dir, f)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)));
        }

        return result;
    }
}
