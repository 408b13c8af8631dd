namespace NixGen.Hashing;

/// <summary>Copies a module's tree into a scratch directory the way the flake's filtered source would hold it.</summary>
internal static class TreeCopier
{
    /// <summary>
    /// Copies the files of a source set (paths relative to <paramref name="from"/>) to <paramref name="to"/> at the same
    /// relative paths, as Nix copies them into <c>src</c>: contents, the executable bit, symbolic links as links.
    /// </summary>
    public static void CopyFiles(string from, string to, IEnumerable<string> files)
    {
        foreach (var rel in files)
        {
            var source = Path.Combine(from, rel);
            var dest = Path.Combine(to, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            if (new FileInfo(source).LinkTarget is { } link)
            {
                File.CreateSymbolicLink(dest, link);
            }
            else
            {
                File.Copy(source, dest);
            }
        }
    }

    /// <summary>Copies a whole directory tree (benchmarks and tests): contents, modes, symbolic links as links.</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var dest = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(dest, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, dest);
            }
            else
            {
                File.Copy(entry.FullName, dest);
            }
        }
    }

    /// <summary>Deletes a scratch tree, including read-only files that the Go module cache leaves behind.</summary>
    public static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.Delete(path, recursive: true);
    }
}
