namespace NixGen.Tests.Support;

/// <summary>Paths of the repository under test and the tools the integration tests use.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Example => Path.Combine(Root, "examples", "multiservice");

    public static string Snapshots => Path.Combine(Root, "tests", "snapshots");

    /// <summary>Go's parser test files: ../shared/corpus beside the checkout (CI gets a copy of shared/ there).</summary>
    public static string Corpus => Path.Combine(Root, "..", "shared", "corpus", "x-mod-modfile");

    static Repo()
    {
        // The Go the README installs; put it first so tests use Go 1.23 even where an older golang-go exists.
        const string go123 = "/usr/lib/go-1.23/bin";
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (Directory.Exists(go123) && !path.StartsWith(go123, StringComparison.Ordinal))
        {
            Environment.SetEnvironmentVariable("PATH", go123 + ":" + path);
        }
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
