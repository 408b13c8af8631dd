namespace NixGen.GoModules;

/// <summary>Go's duplicate-removal rules (x/mod's <c>removeDups</c>) for exclude, replace, tool and ignore directives.</summary>
internal static class Dedup
{
    public static IReadOnlyList<Replace> LaterReplaceWins(IReadOnlyList<Replace> replaces)
    {
        var seen = new HashSet<(string, string)>();
        var keep = new bool[replaces.Count];
        for (var i = replaces.Count - 1; i >= 0; i--)
        {
            keep[i] = seen.Add((replaces[i].OldPath, replaces[i].OldVersion));
        }

        return keep.All(k => k) ? replaces : [.. replaces.Where((_, i) => keep[i])];
    }

    public static IReadOnlyList<Exclude> FirstExcludeWins(IReadOnlyList<Exclude> excludes)
    {
        var seen = new HashSet<(string, string)>();
        var kept = excludes.Where(e => seen.Add((e.Path, e.Version))).ToList();
        return kept.Count == excludes.Count ? excludes : kept;
    }

    /// <summary>A repeated path keeps its first line (tool and ignore directives).</summary>
    public static IReadOnlyList<T> FirstPathWins<T>(IReadOnlyList<T> items, Func<T, string> path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = items.Where(i => seen.Add(path(i))).ToList();
        return kept.Count == items.Count ? items : kept;
    }
}
