namespace NixGen.GoModules;

/// <summary>A <c>godebug key=value</c> setting.</summary>
internal sealed record Godebug(string Key, string Value, Position Position);
