namespace NixGen.GoModules;

/// <summary>A place in a source file: 1-based line, 1-based rune column, 0-based byte offset.</summary>
internal readonly record struct Position(int Line, int Column, int Byte)
{
    public override string ToString() => $"{Line}:{Column}";
}
