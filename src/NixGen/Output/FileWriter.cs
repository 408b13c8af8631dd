namespace NixGen.Output;

/// <summary>
/// Writes a change set of generated files as one: every new content goes to a temp file beside its target first
/// (with the target's mode), then the renames; a failure at any point leaves every file as it was. Unchanged files are
/// not touched (their mtime stays).
/// </summary>
internal static class FileWriter
{
    private sealed record Change(string Rel, string Target, string Temp, string? Backup);

    /// <summary>Writes every file whose content differs and removes <paramref name="remove"/>; returns what it did.</summary>
    public static IReadOnlyList<string> WriteAll(string root, IReadOnlyDictionary<string, string> files, IReadOnlyList<string>? remove = null)
    {
        var suffix = $".nixgen-{Environment.ProcessId}";
        var changes = new List<Change>();
        var done = new List<Change>();
        var removed = new List<(string Rel, string Backup)>();
        try
        {
            foreach (var (rel, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var target = Path.Combine(root, rel);
                if (Directory.Exists(target))
                {
                    throw new IOException($"{rel}: is a directory; nixgen writes a file there (no file was changed)");
                }

                if (File.Exists(target) && File.ReadAllText(target) == content)
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{suffix}.tmp");
                File.WriteAllText(temp, content, new System.Text.UTF8Encoding(false));
                string? backup = null;
                if (File.Exists(target))
                {
                    File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
                    backup = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{suffix}.bak");
                    File.Copy(target, backup, overwrite: true);
                }

                changes.Add(new Change(rel, target, temp, backup));
            }

            foreach (var c in changes)
            {
                File.Move(c.Temp, c.Target, overwrite: true);
                done.Add(c);
            }

            // Generated files nixgen no longer produces go last, once everything else is in place.
            foreach (var rel in remove ?? [])
            {
                var path = Path.Combine(root, rel);
                var backup = path + suffix + ".bak";
                File.Move(path, backup, overwrite: true);
                removed.Add((rel, backup));
            }
        }
        catch
        {
            // Undo in reverse: restore what was replaced or removed, delete what was created.
            foreach (var (rel, backup) in Enumerable.Reverse(removed))
            {
                File.Move(backup, Path.Combine(root, rel), overwrite: true);
            }

            foreach (var c in Enumerable.Reverse(done))
            {
                if (c.Backup is not null)
                {
                    File.Move(c.Backup, c.Target, overwrite: true);
                }
                else
                {
                    File.Delete(c.Target);
                }
            }

            throw;
        }
        finally
        {
            foreach (var path in changes.SelectMany(c => new[] { c.Temp, c.Backup }).Concat(removed.Select(r => r.Backup)))
            {
                if (path is not null && File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }

        return [.. changes.Select(c => c.Rel), .. removed.Select(r => "removed " + r.Rel)];
    }
}
