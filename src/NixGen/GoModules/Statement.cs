namespace NixGen.GoModules;

/// <summary>A top-level statement in a go.mod/go.work file.</summary>
internal abstract class Statement
{
    public Comments Comments { get; } = new();

    public abstract Position Start { get; }
}
