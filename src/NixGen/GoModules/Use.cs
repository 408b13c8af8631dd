namespace NixGen.GoModules;

/// <summary>A <c>use</c> directive of a go.work file.</summary>
internal sealed record Use(string DiskPath, string ModulePath, Position Position);
