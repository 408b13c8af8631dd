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
    /// <summary>The replaces that point at directories on disk.</summary>
    public IEnumerable<Replace> LocalReplaces => Replaces.Where(r => r.IsLocal);

    /// <summary>Parses go.mod text; throws <see cref="GoModParseException"/> with Go's message on invalid input.</summary>
    public static GoModFile Parse(string fileName, string text) => GoModParser.ParseMod(fileName, text);
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
    /// <summary>Parses go.work text; throws <see cref="GoModParseException"/> with Go's message on invalid input.</summary>
    public static GoWorkFile Parse(string fileName, string text) => GoModParser.ParseWork(fileName, text);
}
