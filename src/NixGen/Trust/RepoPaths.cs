namespace NixGen.Trust;

/// <summary>
/// The one place that decides which paths of a repository nixgen may read, write or delete. The repository is
/// untrusted input (a pull request's author wrote every file of it), so: inputs are read only when they resolve,
/// every symbolic link followed, inside the resolved root; outputs are written and removed only under nixgen's own
/// names, relative, without <c>..</c>, and never through a symbolic link (on the file or on a directory above it).
/// </summary>
internal sealed class RepoPaths
{
    private const int MaxLinks = 40;

    public RepoPaths(string root)
    {
        Given = Path.GetFullPath(root);
        Root = Resolve(Given);
    }

    /// <summary>The root as given (what messages and relative paths start from).</summary>
    public string Given { get; }

    /// <summary>The root with every symbolic link resolved.</summary>
    public string Root { get; }

    /// <summary>Whether nixgen reads a file of this name for what it generates or hashes (Go sources, module files, its own files).</summary>
    public static bool IsReadInput(string rel)
    {
        var name = rel[(rel.LastIndexOf('/') + 1)..];
        return name is "go.mod" or "go.sum" or "go.work" or "go.work.sum" or "modules.txt"
            || name.EndsWith(".go", StringComparison.Ordinal)
            || OutputNames.ReadInputs.Contains(rel, StringComparer.Ordinal)
            || rel.StartsWith(".nixgen/", StringComparison.Ordinal);
    }

    /// <summary><paramref name="path"/> with every symbolic link on it resolved (like realpath(3), but a missing tail is kept as written).</summary>
    public static string Resolve(string path)
    {
        var parts = new List<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var links = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"{path}: too many levels of symbolic links");
                }

                var rest = parts.Skip(i + 1);
                parts = [.. target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest)];
                current = target.StartsWith('/') ? "/" : current;
                i = -1;
                continue;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Whether an absolute, resolved path lies inside the repository.</summary>
    public bool IsInside(string resolved) => resolved == Root || resolved.StartsWith(Root.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>
    /// The full path of the input <paramref name="rel"/>, after checking that it resolves inside the repository; a
    /// symbolic link that leads outside is refused by name, without reading it.
    /// </summary>
    public string Input(string rel)
    {
        var full = Path.Combine(Given, rel);
        string resolved;
        try
        {
            resolved = Resolve(full);
        }
        catch (IOException)
        {
            return full; // a link loop leads nowhere: the reader reports it
        }

        if (IsInside(resolved))
        {
            return full;
        }

        // Name the link that leads out: the file itself, or a directory on its way.
        var segments = rel.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var dir = Path.Combine(Given, string.Join('/', segments.Take(i + 1)));
            if (new FileInfo(dir).LinkTarget is not null && !IsInside(Resolve(dir)))
            {
                throw new UnsafePathException(rel, $"{string.Join('/', segments.Take(i + 1))} is a symbolic link to a directory outside the repository; nixgen does not read through it");
            }
        }

        throw new UnsafePathException(rel, $"a symbolic link to a {(Directory.Exists(full) ? "directory" : "file")} outside the repository; nixgen does not read it");
    }

    /// <summary>Checks every file nixgen reads at the top of the repository (<see cref="OutputNames.ReadInputs"/>) and those of <paramref name="files"/> it reads.</summary>
    public void CheckInputs(IEnumerable<string> files)
    {
        foreach (var rel in OutputNames.ReadInputs)
        {
            Input(rel);
        }

        // Only a link can lead outside: one lstat per file and per directory, a full resolution only for links.
        var dirIsLink = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool IsLink(string rel) => new FileInfo(Path.Combine(Given, rel)).LinkTarget is not null;
        bool DirLeadsThroughLink(string? dir)
        {
            if (string.IsNullOrEmpty(dir))
            {
                return false;
            }

            if (!dirIsLink.TryGetValue(dir, out var link))
            {
                link = IsLink(dir) || DirLeadsThroughLink(Path.GetDirectoryName(dir));
                dirIsLink[dir] = link;
            }

            return link;
        }

        foreach (var rel in files.Where(IsReadInput))
        {
            if (IsLink(rel) || DirLeadsThroughLink(Path.GetDirectoryName(rel)))
            {
                Input(rel);
            }
        }
    }

    /// <summary>Why <paramref name="rel"/> cannot be a file nixgen writes or removes, or null when it can be one.</summary>
    public static string? OutputNameProblem(string rel)
    {
        if (rel.Length == 0 || rel.StartsWith('/') || rel.Contains('\\', StringComparison.Ordinal) || rel.Contains('\0', StringComparison.Ordinal))
        {
            return "not a relative path inside the repository";
        }

        var segments = rel.Split('/');
        if (segments.Any(s => s is "" or "." or ".." or ".git"))
        {
            return "not a plain relative path inside the repository (`..`, `.`, `.git` or an empty segment)";
        }

        return OutputNames.Fixed.Contains(rel, StringComparer.Ordinal) || rel.EndsWith(".nix", StringComparison.Ordinal)
            ? null
            : "not a file nixgen generates";
    }

    /// <summary>The full path of <paramref name="rel"/> when it could be nixgen's output (see <see cref="Output"/>), else null.</summary>
    public string? TryOutput(string rel)
    {
        try
        {
            return Output(rel);
        }
        catch (UnsafePathException)
        {
            return null;
        }
    }

    /// <summary>
    /// The full path of the output <paramref name="rel"/> (a file nixgen writes, compares or removes): refused when the
    /// name is not one of nixgen's, or when the file or a directory on its way is a symbolic link.
    /// </summary>
    public string Output(string rel)
    {
        if (OutputNameProblem(rel) is { } problem)
        {
            throw new UnsafePathException(rel, problem + "; nixgen does not write or remove it");
        }

        var segments = rel.Split('/');
        var current = Given;
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (new FileInfo(current).LinkTarget is not null)
            {
                var at = string.Join('/', segments.Take(i + 1));
                throw new UnsafePathException(rel, i == segments.Length - 1
                    ? "a symbolic link; nixgen writes its files in place and never through a link (remove the link)"
                    : $"{at} is a symbolic link; nixgen never writes through a link (make it a directory)");
            }
        }

        return current;
    }
}
