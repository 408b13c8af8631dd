namespace NixGen.GoModules;

/// <summary>A <c>require</c> directive.</summary>
internal sealed record Require(string Path, string Version, bool Indirect, Position Position);
