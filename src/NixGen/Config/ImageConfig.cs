namespace NixGen.Config;

/// <summary>An OCI image for a service.</summary>
internal sealed record ImageConfig(bool Enabled, string? Name, string Tag, IReadOnlyList<int> Ports, IReadOnlyDictionary<string, string> Env, bool CaCertificates, bool Tzdata);
