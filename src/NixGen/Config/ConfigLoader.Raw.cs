namespace NixGen.Config;

/// <summary>The shape of nixgen.yaml as YamlDotNet reads it, before validation.</summary>
internal static partial class ConfigLoader
{
    // YamlDotNet binds to mutable classes; they are turned into the immutable records above right away.
    private sealed class RawConfig
    {
        public string? Description { get; set; }
        public string? Nixpkgs { get; set; }
        public string? Version { get; set; }
        public string? Overlay { get; set; }
        public string? Goproxy { get; set; }
        public bool? GoproxyAuth { get; set; }
        public string? Output { get; set; }
        public string? OutputFile { get; set; }
        public bool? DefaultNix { get; set; }
        public bool? Sbom { get; set; }
        public RawChecks? Checks { get; set; }
        public List<string>? Systems { get; set; }
        public string? Default { get; set; }
        public string? Go { get; set; }
        public string? GoSource { get; set; }
        public RawHashing? Hashing { get; set; }
        public List<string>? Cross { get; set; }
        public List<RawCache>? Cachix { get; set; }
        public RawDevShell? DevShell { get; set; }
        public RawCi? Ci { get; set; }
        public Dictionary<string, RawService>? Services { get; set; }
    }

    private sealed class RawChecks
    {
        public bool? Cross { get; set; }
        public bool? Images { get; set; }
    }

    private sealed class RawHashing
    {
        public string? Strategy { get; set; }
        public string? Mode { get; set; }
    }

    private sealed class RawCache
    {
        public string? Name { get; set; }
        public string? Url { get; set; }
        public string? PublicKey { get; set; }
    }

    private sealed class RawCi
    {
        /// <summary>One provider (<c>github</c>) or a list (<c>[github, gitlab]</c>): a string or a list of objects.</summary>
        public object? Provider { get; set; }
        public List<string>? RunnerTags { get; set; }
        public string? DefaultBranch { get; set; }
        public bool? Renovate { get; set; }
        public bool? Dependabot { get; set; }
        public string? NixgenInstall { get; set; }
    }

    private sealed class RawDevShell
    {
        public List<string>? Packages { get; set; }
        public string? Nixgen { get; set; }
    }

    private sealed class RawService
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public List<string>? Ldflags { get; set; }
        public List<string>? VersionVariables { get; set; }
        public List<string>? CommitVariables { get; set; }
        public string? Binaries { get; set; }
        public string? Hashing { get; set; }
        public string? MainProgram { get; set; }
        public List<string>? Tags { get; set; }
        public bool? Cgo { get; set; }
        public bool? DoCheck { get; set; }
        public string? Go { get; set; }
        public RawImage? Image { get; set; }
    }

    private sealed class RawImage
    {
        public bool? Enabled { get; set; }
        public string? Name { get; set; }
        public string? Tag { get; set; }
        public List<int>? Ports { get; set; }
        public Dictionary<string, string>? Env { get; set; }
        public bool? CaCertificates { get; set; }
        public bool? Tzdata { get; set; }
    }
}
