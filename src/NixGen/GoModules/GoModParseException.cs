namespace NixGen.GoModules;

/// <summary>A go.mod, go.work or go.sum file that Go itself would reject, with the place at fault.</summary>
internal sealed class GoModParseException(string file, Position position, string reason)
    : Exception($"{file}:{position.Line}:{position.Column}: {reason}")
{
    public string File { get; } = file;

    public Position Position { get; } = position;

    public string Reason { get; } = reason;
}
