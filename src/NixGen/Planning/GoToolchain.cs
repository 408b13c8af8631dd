using NixGen.GoModules;

namespace NixGen.Planning;

/// <summary>Which Go vendors, as far as hashes are concerned.</summary>
internal static class GoToolchain
{
    /// <summary><c>go1.23</c> for <c>go1.23.5</c>: the part of a Go release that decides how it vendors.</summary>
    public static string SeriesOf(string goRelease) =>
        goRelease.StartsWith("go", StringComparison.Ordinal) && GoVersions.IsGoVersion(goRelease[2..]) ? "go" + GoVersions.Series(goRelease[2..]) : goRelease;

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
