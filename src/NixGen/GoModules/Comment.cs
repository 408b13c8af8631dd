namespace NixGen.GoModules;

/// <summary>A <c>//</c> comment as written, or an empty text standing for a preserved blank line.</summary>
internal sealed record Comment(Position Start, string Text)
{
    public bool IsBlankLine => Text.Length == 0;
}
