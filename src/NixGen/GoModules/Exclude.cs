namespace NixGen.GoModules;

/// <summary>An <c>exclude</c> directive.</summary>
public sealed record Exclude(string Path, string Version, Position Position);
