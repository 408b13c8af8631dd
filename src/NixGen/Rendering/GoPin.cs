using System.Text.RegularExpressions;
using NixGen.GoModules;

namespace NixGen.Rendering;

/// <summary>
/// Chooses the nixpkgs Go attribute (<c>go_1_23</c>) for a Go version. A go.mod's <c>go</c> line is a minimum, and
/// each nixpkgs release only ships the two newest Go series of its time, so for a release branch nixgen knows
/// the pin moves up to the oldest series that release has instead of naming an attribute that does not exist.
/// </summary>
public static partial class GoPin
{
    /// <summary>Go series shipped as <c>go_1_XX</c> by NixOS release branches.</summary>
    private static readonly Dictionary<string, string[]> Shipped = new(StringComparer.Ordinal)
    {
        ["23.11"] = ["1.20", "1.21"],
        ["24.05"] = ["1.21", "1.22"],
        ["24.11"] = ["1.22", "1.23"],
        ["25.05"] = ["1.23", "1.24"],
        ["25.11"] = ["1.24", "1.25"],
    };

    [GeneratedRegex(@"nixos-(\d\d\.\d\d)")]
    private static partial Regex ReleasePattern();

    /// <summary>The attribute and a note (" (go_1_21 is not in nixos-24.11: …)") when the series had to move.</summary>
    public static (string? Attr, string Note) Attr(string goVersion, string nixpkgs)
    {
        var series = GoVersions.Series(goVersion);
        var release = ReleasePattern().Match(nixpkgs);
        if (release.Success && Shipped.TryGetValue(release.Groups[1].Value, out var available) && !available.Contains(series))
        {
            var newer = available.FirstOrDefault(a => GoVersions.CompareGo(a, series) > 0);
            if (newer is not null)
            {
                return (ToAttr(newer), $" (go_{series.Replace('.', '_')} is not in nixos-{release.Groups[1].Value}; its oldest newer Go is {newer})");
            }
        }

        return (ToAttr(series), "");
    }

    /// <summary>
    /// Whether buildGoModule wants <c>env.CGO_ENABLED</c>: from nixpkgs 25.05 on (25.11 rejects the top-level
    /// attribute); before, <c>env.CGO_ENABLED</c> collides with the top-level argument it still has. Branches
    /// without a release number (unstable, master) are current, so <c>env</c>.
    /// </summary>
    public static bool CgoInEnv(string nixpkgs)
    {
        var release = ReleasePattern().Match(nixpkgs);
        return !release.Success || string.CompareOrdinal(release.Groups[1].Value, "25.05") >= 0;
    }

    public static string ToAttr(string series) => "go_" + series.Replace('.', '_');
}
