namespace NixGen.Config;

/// <summary>A Cachix (or any binary) cache the flake should pull from.</summary>
internal sealed record CacheConfig(string Name, string Url, string PublicKey);
