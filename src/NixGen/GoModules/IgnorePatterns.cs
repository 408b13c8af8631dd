namespace NixGen.GoModules;

/// <summary>
/// A go.mod's <c>ignore</c> directives (Go 1.25) as cmd/go applies them (<c>search.IgnorePatterns</c>): <c>./x</c>
/// ignores the directory <c>x</c> at the module root and everything below it; <c>x</c> ignores every directory named
/// <c>x</c> (or ending in the path <c>x</c>) anywhere in the module. Ignored directories are left out of package
/// patterns (<c>./...</c>, <c>all</c>), not out of builds: a package can still import one by its path.
/// </summary>
internal sealed class IgnorePatterns
{
    private readonly List<string> _relative = [];
    private readonly List<string> _anywhere = [];

    public IgnorePatterns(IEnumerable<Ignore> ignores)
    {
        foreach (var i in ignores)
        {
            // As Go: cut a leading "./", then surround with slashes; nothing else is cleaned.
            if (i.Path.StartsWith("./", StringComparison.Ordinal))
            {
                _relative.Add(Normalize(i.Path[2..]));
            }
            else
            {
                _anywhere.Add(Normalize(i.Path));
            }
        }
    }

    public bool IsEmpty => _relative.Count == 0 && _anywhere.Count == 0;

    /// <summary>Whether Go ignores <paramref name="dirInModule"/> (slash-separated, relative to the module root; <c>.</c> is the root).</summary>
    public bool Ignores(string dirInModule)
    {
        if (dirInModule is "" or "." || IsEmpty)
        {
            return false;
        }

        var dir = Normalize(dirInModule);
        return _relative.Any(p => dir.StartsWith(p, StringComparison.Ordinal)) || _anywhere.Any(p => dir.Contains(p, StringComparison.Ordinal));
    }

    private static string Normalize(string path)
    {
        path = path.Replace('\\', '/');
        path = path.StartsWith('/') ? path : "/" + path;
        return path.EndsWith('/') ? path : path + "/";
    }
}
