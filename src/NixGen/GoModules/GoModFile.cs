namespace NixGen.GoModules;

/// <summary>A parsed go.mod file.</summary>
internal sealed record GoModFile(
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

    /// <summary>The tool directives Go applies: a repeated path is dropped (first wins).</summary>
    public IReadOnlyList<Tool> EffectiveTools => Dedup.FirstPathWins(Tools, t => t.Path);

    /// <summary>The ignore directives Go applies: a repeated path is dropped (first wins).</summary>
    public IReadOnlyList<Ignore> EffectiveIgnores => Dedup.FirstPathWins(Ignores, i => i.Path);

    /// <summary>The directories Go leaves out of package patterns (<c>ignore</c> directives).</summary>
    public IgnorePatterns IgnorePatterns => new(Ignores);

    /// <summary>Parses go.mod text; throws <see cref="GoModParseException"/> with Go's message on invalid input.</summary>
    public static GoModFile Parse(string fileName, string text, bool requireModule = true) => GoModParser.ParseMod(fileName, text, requireModule);
}
