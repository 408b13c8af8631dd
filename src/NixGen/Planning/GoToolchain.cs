using NixGen.GoModules;

namespace NixGen.Planning;

/// <summary>Which Go vendors, as far as hashes are concerned.</summary>
internal static class GoToolchain
{
    /// <summary>
    /// Runs of Go series whose <c>go mod vendor</c> writes byte-identical trees, so a hash computed with one is right for
    /// every other: measured for 1.21 to 1.26 on 12 real nixpkgs packages and modules with Go 1.24 <c>tool</c>
    /// directives (cmd/go/internal/modcmd/vendor.go is unchanged from 1.23 to 1.26); re-checked on every run of the
    /// suite by VendorFormatSpecs with each installed series. A series outside every run (an older one, or a new one
    /// not yet measured) is a format of its own: a hash it computes is never assumed to hold for another.
    /// </summary>
    private static readonly (int From, int To)[] SameVendoring = [(21, 26)];

    /// <summary><c>go1.23</c> for <c>go1.23.5</c>: the series of a Go release.</summary>
    public static string SeriesOf(string goRelease) =>
        goRelease.StartsWith("go", StringComparison.Ordinal) && GoVersions.IsGoVersion(goRelease[2..]) ? "go" + GoVersions.Series(goRelease[2..]) : goRelease;

    /// <summary>
    /// The vendoring format of a Go release, what nixgen.lock keys a hash on: the first series of its run in
    /// <see cref="SameVendoring"/> (<c>go1.21</c> for go1.21.0 to go1.26.x), else its own series; anything that is not
    /// a Go release (<c>unknown</c>, the nix strategy's identity) as it is. Developers on Go 1.25 and 1.26 write the same lock.
    /// </summary>
    public static string VendorFormatOf(string goRelease)
    {
        if (!goRelease.StartsWith("go", StringComparison.Ordinal) || !GoVersions.IsGoVersion(goRelease[2..]))
        {
            return goRelease;
        }

        var series = SeriesOf(goRelease);
        var parts = series[2..].Split('.');
        if (parts.Length < 2 || parts[0] != "1" || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor))
        {
            return series;
        }

        foreach (var (from, to) in SameVendoring)
        {
            if (minor >= from && minor <= to)
            {
                return "go1." + from.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return series;
    }

    /// <summary>The series <see cref="VendorFormatOf"/> groups with <paramref name="format"/> (for messages), e.g. "Go 1.21 to 1.26".</summary>
    public static string Describe(string format)
    {
        foreach (var (from, to) in SameVendoring)
        {
            if (format == "go1." + from.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Go 1.{from} to 1.{to}");
            }
        }

        return format;
    }

    /// <summary>The Go release of the <c>go</c> at <paramref name="go"/>, read from GOROOT/VERSION without starting a process.</summary>
    public static string LocalVersion(string? go)
    {
        if (go is null)
        {
            return "unknown";
        }

        var real = new FileInfo(go).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? go;
        var version = Path.Combine(Path.GetDirectoryName(real)!, "..", "VERSION");
        return File.Exists(version) ? File.ReadLines(version).First().Trim() : "unknown";
    }
}
