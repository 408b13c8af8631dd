using System.Globalization;
using System.Text;

namespace NixGen.Tests.Support;

/// <summary>
/// A repository case kept as text (Cases/bad-repos.txt, Cases/hostile/*.txt): <c>=== name</c>, then header lines
/// <c>args:</c> (the nixgen command line), <c>exit:</c>, and for hostile cases <c>git: yes</c> (commit every file),
/// <c>env: K=V</c> (one variable a line), <c>before: ARGS</c> (a nixgen run that must exit 0 first); then one
/// <c>--- path</c> per file (content <c>@symlink T</c>, <c>@bytes HEX</c>, <c>@dir</c>), where a path starting
/// <c>later:</c> is written after the <c>before:</c> runs and a path starting <c>$OUTSIDE/</c> lands in a directory
/// beside the repository (a file whose content starts with <c>#!</c> is made executable: a fake tool); finally
/// <c>--- error</c> and what nixgen prints to stderr, without its indented progress lines. <c>$REPO</c> and
/// <c>$OUTSIDE</c> stand for the two directories in every value, and in hostile cases <c>$PID</c> for the id of the
/// process nixgen runs in (the name of its temp files), in <c>later:</c> paths too.
/// </summary>
public sealed record RepoCase(
    string Name, string Args, int Exit, IReadOnlyDictionary<string, string> Files, string Expected,
    bool Git = false, IReadOnlyList<string>? Before = null, IReadOnlyDictionary<string, string>? Env = null)
{
    public static IEnumerable<RepoCase> Read(string path)
    {
        RepoCase? current = null;
        string? file = null;
        var content = new StringBuilder();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var expected = new List<string>();
        var before = new List<string>();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var inError = false;
        void EndFile()
        {
            if (file is not null)
            {
                files[file] = content.ToString();
            }

            file = null;
            content.Clear();
        }

        RepoCase? Finish()
        {
            EndFile();
            return current is null
                ? null
                : current with
                {
                    Files = new Dictionary<string, string>(files, StringComparer.Ordinal),
                    Expected = string.Join("\n", expected),
                    Before = [.. before],
                    Env = new Dictionary<string, string>(env, StringComparer.Ordinal),
                };
        }

        foreach (var line in File.ReadAllLines(path).SkipWhile(l => l.StartsWith('#')))
        {
            var header = file is null && !inError && current is not null;
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (Finish() is { } done)
                {
                    yield return done;
                }

                current = new RepoCase(line[4..], "", 0, files, "");
                files.Clear();
                expected.Clear();
                before.Clear();
                env.Clear();
                inError = false;
            }
            else if (header && line.StartsWith("args:", StringComparison.Ordinal))
            {
                current = current! with { Args = line[5..].Trim() };
            }
            else if (header && line.StartsWith("exit:", StringComparison.Ordinal))
            {
                current = current! with { Exit = int.Parse(line[5..], CultureInfo.InvariantCulture) };
            }
            else if (header && line.StartsWith("git:", StringComparison.Ordinal))
            {
                current = current! with { Git = line[4..].Trim() == "yes" };
            }
            else if (header && line.StartsWith("before:", StringComparison.Ordinal))
            {
                before.Add(line[7..].Trim());
            }
            else if (header && line.StartsWith("env:", StringComparison.Ordinal))
            {
                var kv = line[4..].Trim();
                env[kv[..kv.IndexOf('=', StringComparison.Ordinal)]] = kv[(kv.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
            else if (line == "--- error")
            {
                EndFile();
                inError = true;
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                EndFile();
                file = line[4..];
            }
            else if (inError)
            {
                if (line.Trim().Length > 0)
                {
                    expected.Add(line);
                }
            }
            else if (file is not null)
            {
                content.Append(line).Append('\n');
            }
        }

        if (Finish() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>Writes <paramref name="files"/> below <paramref name="root"/>, with <paramref name="expand"/> applied to symlink targets and contents.</summary>
    public static void Write(string root, IEnumerable<KeyValuePair<string, string>> files, Func<string, string>? expand = null)
    {
        expand ??= s => s;
        Directory.CreateDirectory(root);
        foreach (var (rel, content) in files)
        {
            var path = Path.Combine(root, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (content.StartsWith("@symlink ", StringComparison.Ordinal))
            {
                File.CreateSymbolicLink(path, expand(content["@symlink ".Length..].TrimEnd('\n')));
            }
            else if (content.StartsWith("@bytes ", StringComparison.Ordinal))
            {
                File.WriteAllBytes(path, Convert.FromHexString(content["@bytes ".Length..].TrimEnd('\n')));
            }
            else if (content.TrimEnd('\n') == "@dir")
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                File.WriteAllText(path, expand(content));
                if (content.StartsWith("#!", StringComparison.Ordinal))
                {
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
                }
            }
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
