namespace NixGen.GoModules;

/// <summary>An <c>ignore</c> directive (Go 1.25).</summary>
internal sealed record Ignore(string Path, Position Position);
