namespace NixGen.GoModules;

/// <summary>An <c>exclude</c> directive.</summary>
internal sealed record Exclude(string Path, string Version, Position Position);
