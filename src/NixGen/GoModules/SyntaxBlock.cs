namespace NixGen.GoModules;

/// <summary>A factored block: <c>require ( ... )</c>.</summary>
internal sealed class SyntaxBlock(IReadOnlyList<Token> tokens, IReadOnlyList<SyntaxLine> lines) : Statement
{
    public IReadOnlyList<Token> Tokens { get; } = tokens;

    public IReadOnlyList<SyntaxLine> Lines { get; } = lines;

    /// <summary>Comments before and after the closing parenthesis.</summary>
    public Comments CloseComments { get; } = new();

    public override Position Start => Tokens[0].Start;
}
