namespace NixGen.GoModules;

/// <summary>A <c>tool</c> directive (Go 1.24).</summary>
internal sealed record Tool(string Path, Position Position);
