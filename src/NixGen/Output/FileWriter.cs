using NixGen.Trust;

namespace NixGen.Output;

/// <summary>
/// Writes a change set of generated files as one: every new content goes to a temp file beside its target first
/// (with the target's mode), then the renames; a failure at any point leaves every file as it was. Unchanged files are
/// not touched (their mtime stays). Paths go through <see cref="RepoPaths.Output"/>: nixgen's own names only, never
/// through a symbolic link; temp and backup files are created exclusively (a planted link there is not followed).
/// </summary>
internal static class FileWriter
{
    private const string Marker = ".nixgen-";

    internal sealed record Change(string Rel, string Target, string Temp, string? Backup);

    /// <summary>Writes every file whose content differs and removes <paramref name="remove"/>; returns what it did.</summary>
    public static IReadOnlyList<string> WriteAll(string root, IReadOnlyDictionary<string, string> files, IReadOnlyList<string>? remove = null)
    {
        var paths = new RepoPaths(root);
        var suffix = Marker + Environment.ProcessId;
        var targets = files.Keys.Concat(remove ?? []).Distinct(StringComparer.Ordinal).ToDictionary(rel => rel, paths.Output, StringComparer.Ordinal);
        foreach (var target in targets.Values)
        {
            RemoveStale(target);
        }

        var changes = new List<Change>();
        var done = new List<Change>();
        var removed = new List<(string Rel, string Backup)>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var (rel, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (Stage(paths, rel, targets[rel], content, suffix) is { } change)
                {
                    changes.Add(change);
                }
            }

            foreach (var c in changes)
            {
                File.Move(c.Temp, c.Target, overwrite: true);
                done.Add(c);
            }

            // Generated files nixgen no longer produces go last, once everything else is in place.
            foreach (var rel in remove ?? [])
            {
                var backup = Beside(targets[rel], suffix + ".bak");
                File.Move(targets[rel], backup, overwrite: false);
                removed.Add((rel, backup));
            }
        }
        catch
        {
            Rollback(root, targets, done, removed, kept);
            throw;
        }
        finally
        {
            foreach (var path in changes.SelectMany(c => new[] { c.Temp, c.Backup }).Concat(removed.Select(r => r.Backup)))
            {
                if (path is not null && !kept.Contains(path) && File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }

        return [.. changes.Select(c => c.Rel), .. removed.Select(r => "removed " + r.Rel)];
    }

    /// <summary>
    /// Writes a file's new content to a temp file beside it (and backs the old one up, mtime kept), or returns null when
    /// the content is already there.
    /// </summary>
    private static Change? Stage(RepoPaths paths, string rel, string target, string content, string suffix)
    {
        if (Directory.Exists(target))
        {
            throw new UnsafePathException(rel, "is a directory; nixgen writes a file there (no file was changed)");
        }

        if (File.Exists(target) && File.ReadAllText(target) == content)
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Checked again once the directories exist: one made by another process meanwhile is not trusted either.
        paths.Output(rel);
        var temp = Beside(target, suffix + ".tmp");
        var exists = File.Exists(target);
        using (var stream = CreateNew(temp, exists ? File.GetUnixFileMode(target) : null))
        {
            stream.Write(new System.Text.UTF8Encoding(false).GetBytes(content));
        }

        string? backup = null;
        if (exists)
        {
            backup = Beside(target, suffix + ".bak");
            using var from = File.OpenRead(target);
            using var to = CreateNew(backup, File.GetUnixFileMode(target));
            from.CopyTo(to);
            to.Flush();
            // A rollback puts the backup back: with the original's mtime, as if nothing had been written.
            File.SetLastWriteTimeUtc(to.SafeFileHandle, File.GetLastWriteTimeUtc(from.SafeFileHandle));
        }

        return new Change(rel, target, temp, backup);
    }

    /// <summary>
    /// Undoes in reverse: restores what was replaced or removed, deletes what was created. A backup that cannot be put
    /// back is kept (and named), never deleted.
    /// </summary>
    internal static void Rollback(string root, Dictionary<string, string> targets, List<Change> done, List<(string Rel, string Backup)> removed, HashSet<string> kept)
    {
        foreach (var (rel, backup) in Enumerable.Reverse(removed))
        {
            Restore(backup, targets[rel], kept);
        }

        foreach (var c in Enumerable.Reverse(done))
        {
            if (c.Backup is not null)
            {
                Restore(c.Backup, c.Target, kept);
            }
            else
            {
                File.Delete(c.Target);
            }
        }

        if (kept.Count > 0)
        {
            throw new IOException($"writing failed and {string.Join(", ", kept.Order(StringComparer.Ordinal).Select(b => Path.GetRelativePath(root, b)))} could not be put back: " +
                "the previous content is kept there; move it back by hand");
        }
    }

    private static string Beside(string target, string suffix) => Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{suffix}");

    /// <summary>A new file, created exclusively (O_CREAT|O_EXCL: an existing file or link there is an error, never followed).</summary>
    private static FileStream CreateNew(string path, UnixFileMode? mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is { } m)
        {
            options.UnixCreateMode = m;
        }

        var stream = new FileStream(path, options);
        if (mode is { } exact)
        {
            // The umask may have cleared bits of the target's mode; the new file gets exactly it.
            File.SetUnixFileMode(stream.SafeFileHandle, exact);
        }

        return stream;
    }

    private static void Restore(string backup, string target, HashSet<string> kept)
    {
        try
        {
            File.Move(backup, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            kept.Add(backup);
        }
    }

    /// <summary>
    /// Temp and backup files an interrupted run left beside <paramref name="target"/> (any process id): removed (a
    /// symbolic link among them too, without following it), except a backup whose file is missing, the only copy left.
    /// </summary>
    private static void RemoveStale(string target)
    {
        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir))
        {
            return;
        }

        var prefix = "." + Path.GetFileName(target) + Marker;
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos(prefix + "*"))
        {
            var rest = entry.Name[prefix.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !rest[..dot].All(char.IsAsciiDigit) || rest[dot..] is not (".tmp" or ".bak") || entry is DirectoryInfo { LinkTarget: null })
            {
                continue;
            }

            if (rest[dot..] == ".bak" && entry.LinkTarget is null && !File.Exists(target))
            {
                continue;
            }

            File.Delete(entry.FullName);
        }
    }
}
