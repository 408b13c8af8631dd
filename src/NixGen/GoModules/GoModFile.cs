namespace NixGen.GoModules;

/// <summary>A <c>require</c> directive.</summary>
public sealed record Require(string Path, string Version, bool Indirect, Position Position);

/// <summary>An <c>exclude</c> directive.</summary>
public sealed record Exclude(string Path, string Version, Position Position);

/// <summary>A <c>replace</c> directive; <see cref="IsLocal"/> when it points at a directory.</summary>
public sealed record Replace(string OldPath, string OldVersion, string NewPath, string NewVersion, Position Position)
{
    public bool IsLocal => NewVersion.Length == 0 && ModulePaths.IsDirectoryPath(NewPath);
}

/// <summary>A <c>retract</c> directive: a single version (Low == High) or an interval, with its rationale.</summary>
public sealed record Retract(string Low, string High, string Rationale, Position Position);

/// <summary>A <c>godebug key=value</c> setting.</summary>
public sealed record Godebug(string Key, string Value, Position Position);

/// <summary>A <c>tool</c> directive (Go 1.24).</summary>
public sealed record Tool(string Path, Position Position);

/// <summary>An <c>ignore</c> directive (Go 1.25).</summary>
public sealed record Ignore(string Path, Position Position);

/// <summary>A parsed go.mod file.</summary>
public sealed record GoModFile(
    string FileName,
    string ModulePath,
    string? Deprecated,
    string? GoVersion,
    string? Toolchain,
    IReadOnlyList<Godebug> Godebugs,
    IReadOnlyList<Require> Requires,
    IReadOnlyList<Exclude> Excludes,
    IReadOnlyList<Replace> Replaces,
    IReadOnlyList<Retract> Retracts,
    IReadOnlyList<Tool> Tools,
    IReadOnlyList<Ignore> Ignores,
    SyntaxFile Syntax)
{
    /// <summary>The replaces that point at directories on disk (after later-wins deduplication).</summary>
    public IEnumerable<Replace> LocalReplaces => EffectiveReplaces.Where(r => r.IsLocal);

    /// <summary>
    /// The replaces Go applies: when two lines replace the same module (and version), the later one wins,
    /// as x/mod's <c>removeDups</c> does before <c>go mod edit -json</c> prints.
    /// </summary>
    public IReadOnlyList<Replace> EffectiveReplaces => Dedup.LaterReplaceWins(Replaces);

    /// <summary>The excludes Go applies: a repeated exclude of the same module version is dropped (first wins).</summary>
    public IReadOnlyList<Exclude> EffectiveExcludes => Dedup.FirstExcludeWins(Excludes);

    /// <summary>Parses go.mod text; throws <see cref="GoModParseException"/> with Go's message on invalid input.</summary>
    public static GoModFile Parse(string fileName, string text, bool requireModule = true) => GoModParser.ParseMod(fileName, text, requireModule);
}

/// <summary>A <c>use</c> directive of a go.work file.</summary>
public sealed record Use(string DiskPath, string ModulePath, Position Position);

/// <summary>A parsed go.work file.</summary>
public sealed record GoWorkFile(
    string FileName,
    string? GoVersion,
    string? Toolchain,
    IReadOnlyList<Godebug> Godebugs,
    IReadOnlyList<Use> Uses,
    IReadOnlyList<Replace> Replaces,
    SyntaxFile Syntax)
{
    /// <summary>The replaces Go applies (later line wins for the same module and version).</summary>
    public IReadOnlyList<Replace> EffectiveReplaces => Dedup.LaterReplaceWins(Replaces);

    /// <summary>Parses go.work text; throws <see cref="GoModParseException"/> with Go's message on invalid input.</summary>
    public static GoWorkFile Parse(string fileName, string text) => GoModParser.ParseWork(fileName, text);
}

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
