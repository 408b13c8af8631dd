using NixGen.Hashing;

namespace NixGen.Tests.Support;

/// <summary>The Go environments the specs give the pipeline: a cache and module cache in the test's scratch directory.</summary>
internal static class GoEnvironments
{
    /// <summary>Modules from <paramref name="proxyUrl"/> (<c>off</c>: none), no sum database, and nix without substituters.</summary>
    internal static GoEnvironment Proxy(string scratch, string proxyUrl, string? nixConfig = "substituters =") => new(
        Path.Combine(scratch, "cache"),
        Path.Combine(scratch, "modcache"),
        new Dictionary<string, string?> { ["GOPROXY"] = proxyUrl, ["GOSUMDB"] = "off", ["GOFLAGS"] = "-mod=mod", ["NIX_CONFIG"] = nixConfig });

    /// <summary>The example repository copied to <paramref name="scratch"/>/repo, with its own file:// proxy.</summary>
    internal static GoEnvironment Example(string scratch) => new(
        Path.Combine(scratch, "cache"),
        Path.Combine(scratch, "modcache"),
        new Dictionary<string, string?>
        {
            ["GOPROXY"] = "file://" + Path.Combine(scratch, "repo", "third_party", "goproxy"),
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
        });
}
