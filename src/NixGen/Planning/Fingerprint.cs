using System.Security.Cryptography;
using System.Text;
using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>
/// Digests of every input that can change a service's vendorHash: its go.mod and go.sum, the imports of its
/// packages, each local replace target's tree, the Go toolchain and the strategy.
/// </summary>
public static class Fingerprint
{
    public static SortedDictionary<string, string> Of(
        Repository repo,
        Service service,
        string goToolchain,
        string strategy,
        IReadOnlyDictionary<string, SortedDictionary<string, string>>? trees = null,
        IReadOnlyList<string>? imports = null)
    {
        var m = service.Module;
        var dir = Path.Combine(repo.Root, m.Dir);
        var moduleDirs = repo.Modules.Select(x => x.Dir).ToHashSet(StringComparer.Ordinal);
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["go.mod"] = FileDigest(Path.Combine(dir, "go.mod")),
            ["go.sum"] = File.Exists(Path.Combine(dir, "go.sum")) ? FileDigest(Path.Combine(dir, "go.sum")) : "none",
            ["imports"] = Digest(string.Join("\n", imports ?? GoImports.OfModule(dir, m.Dir, moduleDirs))),
            ["go"] = goToolchain,
            ["strategy"] = strategy,
            ["vendor"] = m.HasVendorDir ? "committed" : "none",
        };
        foreach (var r in service.LocalReplaces)
        {
            var files = trees is not null && trees.TryGetValue(r.TargetDir, out var known)
                ? known
                : TreeFiles(Path.Combine(repo.Root, r.TargetDir), r.TargetDir, moduleDirs);
            inputs["replace:" + r.TargetDir] = TreeDigest(files);
        }

        return inputs;
    }

    public static string FileDigest(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The files of a module tree (without tests, vendor/, testdata/ and nested modules) with a short content digest
    /// each (<c>x</c> appended for executables): kept in the lock so a change can be explained file by file.
    /// </summary>
    public static SortedDictionary<string, string> TreeFiles(string root, string relDir, IReadOnlySet<string> moduleDirs)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rel, full) in ModuleFiles(root, relDir, moduleDirs))
        {
            var executable = (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
            files[rel] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full)))[..16] + (executable ? "x" : "");
        }

        return files;
    }

    /// <summary>One digest of a tree listing from <see cref="TreeFiles"/>.</summary>
    public static string TreeDigest(IReadOnlyDictionary<string, string> files) =>
        Digest(string.Concat(files.Select(f => f.Key + "\0" + f.Value + "\n")));

    internal static IEnumerable<(string Rel, string Full)> ModuleFiles(string root, string relDir, IReadOnlySet<string> moduleDirs)
    {
        var stack = new Stack<(string Full, string Rel)>();
        stack.Push((root, ""));
        var files = new List<(string, string)>();
        while (stack.Count > 0)
        {
            var (full, rel) = stack.Pop();
            foreach (var e in new DirectoryInfo(full).EnumerateFileSystemInfos())
            {
                var r = rel.Length == 0 ? e.Name : rel + "/" + e.Name;
                if (e is DirectoryInfo && e.LinkTarget is null)
                {
                    var repoRel = relDir == "." ? r : relDir + "/" + r;
                    if (e.Name is "vendor" or ".git" or "testdata" || moduleDirs.Contains(repoRel))
                    {
                        continue;
                    }

                    stack.Push((e.FullName, r));
                }
                else if (e is FileInfo && !e.Name.EndsWith("_test.go", StringComparison.Ordinal) && e.LinkTarget is null)
                {
                    files.Add((r, e.FullName));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }
}
