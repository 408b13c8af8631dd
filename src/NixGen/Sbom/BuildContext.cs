namespace NixGen.Sbom;

/// <summary>
/// What decides which Go files a build compiles: the target, cgo and the tags. A small model of go/build's rules
/// (file name suffixes <c>_GOOS</c>, <c>_GOARCH</c>, <c>_GOOS_GOARCH</c>; <c>//go:build</c>, else <c>// +build</c> lines).
/// </summary>
internal sealed record BuildContext(string Goos, string Goarch, bool Cgo, IReadOnlyList<string> Tags)
{
    /// <summary>go/build's known operating systems (syslist.go), for file name suffixes.</summary>
    public static readonly IReadOnlySet<string> KnownOs = new HashSet<string>(StringComparer.Ordinal)
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
        "plan9", "solaris", "wasip1", "windows", "zos",
    };

    /// <summary>go/build's known architectures (syslist.go).</summary>
    public static readonly IReadOnlySet<string> KnownArch = new HashSet<string>(StringComparer.Ordinal)
    {
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le",
        "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
    };

    private static readonly HashSet<string> UnixOs = new HashSet<string>(StringComparer.Ordinal)
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd", "openbsd", "solaris",
    };

    /// <summary>The newest <c>go1.N</c> release tag taken as satisfied (the Go series nixgen knows of).</summary>
    public const int NewestGoMinor = 30;

    /// <summary>A Nix system (<c>x86_64-linux</c>) as Go's GOOS/GOARCH, or null for one Go has no port for.</summary>
    public static (string Goos, string Goarch)? OfSystem(string system)
    {
        var dash = system.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var arch = system[..dash] switch
        {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            "i686" => "386",
            "armv7l" or "armv6l" => "arm",
            "riscv64" => "riscv64",
            "powerpc64le" => "ppc64le",
            "s390x" => "s390x",
            "loongarch64" => "loong64",
            _ => null,
        };
        var os = system[(dash + 1)..];
        return arch is null || !KnownOs.Contains(os) ? null : (os, arch);
    }

    /// <summary>Whether a tag is satisfied: the target, cgo, <c>unix</c>, <c>gc</c>, release tags and the build's tags.</summary>
    public bool Satisfies(string tag) =>
        tag == Goos || tag == Goarch || (tag == "cgo" && Cgo) || tag == "gc" || (tag == "unix" && UnixOs.Contains(Goos))
        || (tag == "linux" && Goos == "android") || (tag == "darwin" && Goos == "ios") || (tag == "solaris" && Goos == "illumos")
        || (tag.StartsWith("go1.", StringComparison.Ordinal) && int.TryParse(tag[4..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor) && minor <= NewestGoMinor)
        || Tags.Contains(tag);

    /// <summary>Whether a file of this name (not a test, not hidden) with this text is part of its package's build.</summary>
    public bool Includes(string fileName, string text)
    {
        if (!fileName.EndsWith(".go", StringComparison.Ordinal) || fileName.EndsWith("_test.go", StringComparison.Ordinal)
            || fileName.StartsWith('_') || fileName.StartsWith('.') || !MatchesFileName(fileName[..^3]))
        {
            return false;
        }

        return Constraint.Of(text) is not { } expr || expr.Eval(Satisfies);
    }

    // go/build goodOSArchFile: the last one or two _-separated elements of the name, when they are known.
    private bool MatchesFileName(string stem)
    {
        var parts = stem.Split('_');
        if (parts.Length < 2)
        {
            return true;
        }

        var last = parts[^1];
        if (parts.Length >= 3 && KnownOs.Contains(parts[^2]) && KnownArch.Contains(last))
        {
            return Satisfies(parts[^2]) && Satisfies(last);
        }

        return !(KnownOs.Contains(last) || KnownArch.Contains(last)) || Satisfies(last);
    }
}
