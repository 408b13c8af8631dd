namespace NixGen.Planning;

/// <summary>
/// A module version a modules-mode service needs, with what its go.sum says of it: <see cref="ModSum"/> for the
/// <c>/go.mod</c> line, <see cref="ZipSum"/> for the tree (only modules whose packages are built have one; the rest
/// are needed for the module graph alone).
/// </summary>
internal sealed record ModuleNeed(string Path, string Version, string? ModSum, string? ZipSum)
{
    /// <summary>The build needs the module's .zip, not just its .mod.</summary>
    public bool Zip => ZipSum is not null;
}
