namespace NixGen.Sbom;

/// <summary>
/// A module in a service's build list: the path packages import it by, what provides it (a version from the proxy, a
/// replacement module, or a directory of the repository) and the go.sum hash of what is compiled.
/// </summary>
/// <param name="Path">The module path as imported (and required).</param>
/// <param name="Version">The required version; for a local replace, null.</param>
/// <param name="ReplacedBy">A remote replacement <c>(path, version)</c>, or null.</param>
/// <param name="LocalDir">A local replace's directory, relative to the repository root, or null.</param>
internal sealed record BuildModule(string Path, string? Version, (string Path, string Version)? ReplacedBy, string? LocalDir)
{
    /// <summary>The module whose code is compiled: the replacement when there is one.</summary>
    public (string Path, string? Version) Compiled => ReplacedBy is { } r ? (r.Path, r.Version) : (Path, Version);
}
