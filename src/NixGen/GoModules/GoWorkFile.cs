namespace NixGen.GoModules;

/// <summary>A parsed go.work file.</summary>
internal sealed record GoWorkFile(
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
