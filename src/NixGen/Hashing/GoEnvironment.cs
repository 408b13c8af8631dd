namespace NixGen.Hashing;

/// <summary>The environment nixgen gives <c>go</c>: the caller's proxy settings passed through, everything else pinned.</summary>
internal sealed record GoEnvironment(string CacheDir, string ModCache, IReadOnlyDictionary<string, string?> PassThrough)
{
    private static readonly string[] PassedThrough =
    [
        "GOPROXY", "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOSUMDB", "GOINSECURE", "GOFLAGS", "GOVCS", "GOAUTH",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSH_COMMAND", "NETRC", "NIX_CONFIG", GoSourceRelease.DownloadsVariable,
    ];

    /// <summary>Where scratch trees go (<see cref="Scratch.Choose"/>, from the same variables); the system temp directory unless set.</summary>
    public string ScratchDir { get; init; } = Path.GetTempPath();

    /// <summary>Reads the caller's environment; the module cache is shared under <c>$XDG_CACHE_HOME/nixgen</c> unless GOMODCACHE is set.</summary>
    public static GoEnvironment FromProcess() => From(Environment.GetEnvironmentVariable);

    /// <summary>The same from any set of variables (a command run in-process by a test has its own).</summary>
    public static GoEnvironment From(Func<string, string?> variable)
    {
        var xdg = variable("XDG_CACHE_HOME");
        var home = variable("HOME") ?? Path.GetTempPath();
        var cache = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".cache") : xdg, "nixgen");
        var modCache = variable("GOMODCACHE");
        var pass = PassedThrough
            .Select(n => (n, v: variable(n)))
            .Where(p => p.v is not null)
            .ToDictionary(p => p.n, p => p.v, StringComparer.Ordinal);
        return new GoEnvironment(cache, string.IsNullOrEmpty(modCache) ? Path.Combine(cache, "gomodcache") : modCache, pass) { ScratchDir = Scratch.Choose(variable) };
    }

    /// <summary>
    /// The variables for one <c>nix</c> run: the caller's NIX_CONFIG (e.g. substituters) and Go proxy settings, which a
    /// single-user Nix hands to the vendor derivation as buildGoModule's impureEnvVars (a daemon uses its own).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ForNix() =>
        PassThrough.Where(p => p.Key is "NIX_CONFIG" or "GOPROXY" or "GOPRIVATE" or "GONOPROXY" or "GONOSUMDB" or "GOSUMDB" or "GOINSECURE" or "NETRC")
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The variables for one <c>go</c> run, matching what buildGoModule's vendor derivation sees.</summary>
    public IReadOnlyDictionary<string, string?> ForGo()
    {
        var env = new Dictionary<string, string?>(PassThrough, StringComparer.Ordinal)
        {
            ["GOMODCACHE"] = ModCache,
            ["GOCACHE"] = Path.Combine(CacheDir, "gocache"),
            ["GOPATH"] = Path.Combine(CacheDir, "gopath"),
            ["GOTOOLCHAIN"] = "local",
            ["GO111MODULE"] = "on",
            // The flake's source holds no go.work, so buildGoModule vendors outside workspace mode: so do we.
            ["GOWORK"] = "off",
            ["GOENV"] = "off",
            ["CGO_ENABLED"] = "0",
        };
        return env;
    }
}
