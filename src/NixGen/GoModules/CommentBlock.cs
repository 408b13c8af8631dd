namespace NixGen.GoModules;

/// <summary>Comment lines that stand on their own, separated from any statement by a blank line.</summary>
internal sealed class CommentBlock(Position start) : Statement
{
    public override Position Start { get; } = start;
}
