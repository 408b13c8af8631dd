namespace NixGen.Rendering;

/// <summary>An OCI image built with dockerTools.</summary>
internal sealed record ImageModel(string Attr, string Package, string Name, string Tag, IReadOnlyList<string> Ports, IReadOnlyList<string> Env, bool CaCertificates, bool Tzdata);
