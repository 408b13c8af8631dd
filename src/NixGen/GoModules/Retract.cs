namespace NixGen.GoModules;

/// <summary>A <c>retract</c> directive: a single version (Low == High) or an interval, with its rationale.</summary>
internal sealed record Retract(string Low, string High, string Rationale, Position Position);
