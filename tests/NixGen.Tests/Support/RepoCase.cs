using System.Globalization;
using System.Text;

namespace NixGen.Tests.Support;

/// <summary>
/// A repository case: one folder under tests/cases (bad-repos/NAME, hostile/GROUP/NAME) holding
/// <list type="bullet">
/// <item><c>repo/</c>, the repository as its author wrote it (symlinks are symlinks, bytes are bytes, a file git marks
/// executable is written executable); <c>outside/</c>, files in a directory beside it (<c>$OUTSIDE</c>);
/// <c>later/</c>, files written over the repository after the <c>before</c> runs;</item>
/// <item><c>args</c>, the nixgen command line; <c>before</c>, command lines that must exit 0 first (one a line);
/// <c>env</c>, <c>K=V</c> lines; <c>git</c> (empty), present when the repository is a git work tree with every file
/// committed; <c>dirs</c>, the empty directories git cannot hold, relative to the case folder;</item>
/// <item><c>expected/exit</c>, the exit code; <c>expected/stderr</c>, what nixgen prints to stderr without its indented
/// progress lines; <c>expected/repo-unchanged</c> (empty), present when the run must leave the repository as it was.</item>
/// </list>
/// In every value, symlink target, file of text and path, <c>$REPO</c> and <c>$OUTSIDE</c> stand for the two
/// directories and <c>$PID</c> for the id of the process nixgen runs in (the name of its temp files).
/// </summary>
public sealed record RepoCase(
    string Name, string Folder, string Args, int Exit, string Expected, bool RepoUnchanged,
    bool Git, IReadOnlyList<string> Before, IReadOnlyDictionary<string, string> Env, IReadOnlyList<string> EmptyDirs)
{
    /// <summary>The folder of every golden case.</summary>
    public static string Root => Path.Combine(Repo.Root, "tests", "cases");

    /// <summary>The entries a repository case folder may hold, and those of its <c>expected/</c>.</summary>
    public static readonly IReadOnlyList<string> Entries = ["args", "before", "env", "git", "dirs", "repo", "outside", "later", "expected"];

    public static readonly IReadOnlyList<string> Expectations = ["exit", "stderr", "repo-unchanged"];

    /// <summary>The case folders of a group (<c>bad-repos</c>, <c>hostile</c>, <c>malformed</c>), as names below tests/cases.</summary>
    public static IReadOnlyList<string> Names(string group) =>
        [.. Directory.EnumerateDirectories(Path.Combine(Root, group), "*", SearchOption.AllDirectories)
            .Where(d => Path.GetRelativePath(Path.Combine(Root, group), d).Split('/').Length == (group == "bad-repos" ? 1 : 2))
            .Select(d => Path.GetRelativePath(Root, d)).Order(StringComparer.Ordinal)];

    /// <summary>Reads a case, failing when its folder lacks its input or its expectations.</summary>
    public static RepoCase Load(string name)
    {
        var folder = Path.Combine(Root, name);
        string Read(string file) => File.Exists(Path.Combine(folder, file)) ? File.ReadAllText(Path.Combine(folder, file)) : throw new Xunit.Sdk.XunitException($"{name}: no {file}: every case says what it runs and what it expects");
        string[] Lines(string file) => File.Exists(Path.Combine(folder, file)) ? File.ReadAllLines(Path.Combine(folder, file)).Where(l => l.Length > 0).ToArray() : [];
        Assert.True(Directory.Exists(Path.Combine(folder, "repo")), $"{name}: no repo/");
        var expected = Read("expected/stderr");
        return new RepoCase(
            name, folder, Read("args").Trim(), int.Parse(Read("expected/exit").Trim(), CultureInfo.InvariantCulture),
            expected.EndsWith('\n') ? expected[..^1] : expected,
            File.Exists(Path.Combine(folder, "expected", "repo-unchanged")),
            File.Exists(Path.Combine(folder, "git")),
            Lines("before"),
            Lines("env").ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal),
            Lines("dirs"));
    }

    /// <summary>
    /// Writes the case's <paramref name="part"/> (<c>repo</c>, <c>outside</c> or <c>later</c>) below <paramref name="to"/>:
    /// <paramref name="expand"/> applied to paths, symlink targets and text files, a file or link already there replaced.
    /// </summary>
    public void Materialize(string part, string to, Func<string, string> expand)
    {
        Directory.CreateDirectory(to);
        var from = Path.Combine(Folder, part);
        if (Directory.Exists(from))
        {
            Copy(new DirectoryInfo(from), to, expand);
        }

        foreach (var dir in EmptyDirs.Where(d => d.StartsWith(part + "/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(to, expand(dir[(part.Length + 1)..]));
            Replace(path);
            Directory.CreateDirectory(path);
        }
    }

    private static void Copy(DirectoryInfo from, string to, Func<string, string> expand)
    {
        foreach (var entry in from.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = Path.Combine(to, expand(entry.Name));
            if (entry.LinkTarget is { } target)
            {
                Replace(path);
                File.CreateSymbolicLink(path, expand(target));
            }
            else if (entry is DirectoryInfo d)
            {
                Directory.CreateDirectory(path);
                Copy(d, path, expand);
            }
            else
            {
                Replace(path);
                var bytes = File.ReadAllBytes(entry.FullName);
                File.WriteAllBytes(path, Text(bytes) is { } text ? Encoding.UTF8.GetBytes(expand(text)) : bytes);
                File.SetUnixFileMode(path, File.GetUnixFileMode(entry.FullName));
            }
        }
    }

    private static void Replace(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    /// <summary>The text of a file that is UTF-8 (a byte order mark kept), or null for raw bytes (written as they are).</summary>
    public static string? Text(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Every entry below <paramref name="root"/>: symlinks by target, files by content and mode, without following links.</summary>
    public static string State(string root)
    {
        var sb = new StringBuilder();
        if (!Directory.Exists(root))
        {
            return "";
        }

        var stack = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (stack.Count > 0)
        {
            foreach (var e in stack.Pop().EnumerateFileSystemInfos().OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                sb.Append(e.FullName[root.Length..]).Append(' ');
                if (e.LinkTarget is { } target)
                {
                    sb.Append("-> ").Append(target);
                }
                else if (e is DirectoryInfo d)
                {
                    stack.Push(d);
                }
                else
                {
                    sb.Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(e.FullName))))
                        .Append(' ').Append(((int)File.GetUnixFileMode(e.FullName)).ToString(CultureInfo.InvariantCulture));
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }
}
