namespace NixGen.GoModules;

/// <summary>One line of tokens: <c>require x v1.0.0</c>, or a line inside a block.</summary>
internal sealed class SyntaxLine(IReadOnlyList<Token> tokens) : Statement
{
    public IReadOnlyList<Token> Tokens { get; } = tokens;

    public override Position Start => Tokens[0].Start;
}
