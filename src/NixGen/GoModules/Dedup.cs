namespace NixGen.GoModules;

/// <summary>Go's duplicate-removal rules for exclude and replace directives.</summary>
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
}
