namespace NixGen.Rendering;

/// <summary>An OCI image built with dockerTools.</summary>
/// <param name="Attr">The image's attribute name (quoted when it is not an identifier).</param>
internal sealed record ImageModel(
    string Attr, string Package, string Name, string Tag, IReadOnlyList<string> Ports, IReadOnlyList<string> Env, bool CaCertificates, bool Tzdata)
{
    /// <summary>The image's package name, not escaped (the CI matrix).</summary>
    public string PackageName { get; init; } = "";
}
