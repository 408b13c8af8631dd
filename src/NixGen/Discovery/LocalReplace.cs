using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>A <c>replace</c> of a module by a directory of this repository.</summary>
internal sealed record LocalReplace(string ModulePath, string TargetDir, Position Position);
