namespace NixGen.GoModules;

/// <summary>A <c>//</c> comment as written, or an empty text standing for a preserved blank line.</summary>
public sealed record Comment(Position Start, string Text)
{
    public bool IsBlankLine => Text.Length == 0;
}

/// <summary>A token as written in the file (quotes included) with its position.</summary>
public sealed record Token(string Text, Position Start);

/// <summary>Comments attached to a syntax node: the comment lines just before it and the comment after it on its line.</summary>
public sealed class Comments
{
    public List<Comment> Before { get; } = [];

    public List<Comment> Suffix { get; } = [];
}

/// <summary>A top-level statement in a go.mod/go.work file.</summary>
public abstract class Statement
{
    public Comments Comments { get; } = new();

    public abstract Position Start { get; }
}

/// <summary>One line of tokens: <c>require x v1.0.0</c>, or a line inside a block.</summary>
public sealed class SyntaxLine(IReadOnlyList<Token> tokens) : Statement
{
    public IReadOnlyList<Token> Tokens { get; } = tokens;

    public override Position Start => Tokens[0].Start;
}

/// <summary>A factored block: <c>require ( ... )</c>.</summary>
public sealed class SyntaxBlock(IReadOnlyList<Token> tokens, IReadOnlyList<SyntaxLine> lines) : Statement
{
    public IReadOnlyList<Token> Tokens { get; } = tokens;

    public IReadOnlyList<SyntaxLine> Lines { get; } = lines;

    /// <summary>Comments before and after the closing parenthesis.</summary>
    public Comments CloseComments { get; } = new();

    public override Position Start => Tokens[0].Start;
}

/// <summary>Comment lines that stand on their own, separated from any statement by a blank line.</summary>
public sealed class CommentBlock(Position start) : Statement
{
    public override Position Start { get; } = start;
}

/// <summary>The syntax tree of a go.mod or go.work file, before any directive is interpreted.</summary>
public sealed class SyntaxFile(string name, IReadOnlyList<Statement> statements)
{
    public string Name { get; } = name;

    public IReadOnlyList<Statement> Statements { get; } = statements;
}
