namespace NixGen.GoModules;

/// <summary>Comments attached to a syntax node: the comment lines just before it and the comment after it on its line.</summary>
internal sealed class Comments
{
    public List<Comment> Before { get; } = [];

    public List<Comment> Suffix { get; } = [];
}
