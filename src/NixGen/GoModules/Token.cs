namespace NixGen.GoModules;

/// <summary>A token as written in the file (quotes included) with its position.</summary>
internal sealed record Token(string Text, Position Start);
