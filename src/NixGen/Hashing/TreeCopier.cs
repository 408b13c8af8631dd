namespace NixGen.Hashing;

/// <summary>Copies a module's tree into a scratch directory the way the flake's filtered source would hold it.</summary>
public static class TreeCopier
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, leaving out vendor/, VCS dirs and nested modules.</summary>
    public static void CopyModule(string source, string target, string relDir, IReadOnlySet<string> moduleDirs)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var dest = Path.Combine(target, entry.Name);
            var rel = relDir == "." ? entry.Name : relDir + "/" + entry.Name;
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(dest, link);
            }
            else if (entry is DirectoryInfo)
            {
                if (entry.Name is "vendor" or ".git" or ".hg" or ".svn" || moduleDirs.Contains(rel))
                {
                    continue;
                }

                CopyModule(entry.FullName, dest, rel, moduleDirs);
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
