namespace NixGen.GoModules;

/// <summary>The syntax tree of a go.mod or go.work file, before any directive is interpreted.</summary>
internal sealed class SyntaxFile(string name, IReadOnlyList<Statement> statements)
{
    public string Name { get; } = name;

    public IReadOnlyList<Statement> Statements { get; } = statements;
}
