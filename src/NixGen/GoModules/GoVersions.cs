using System.Text.RegularExpressions;
using Semver;

namespace NixGen.GoModules;

/// <summary>Go's rules for module versions (semver with a <c>v</c>, short forms, +incompatible) and Go release versions.</summary>
internal partial class GoVersions
{
    [GeneratedRegex(@"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?\z")]
    private static partial Regex GoVersionPattern();

    [GeneratedRegex(@"^default\z|^go1(\z|\.)")]
    private static partial Regex ToolchainPattern();

    [GeneratedRegex(@"^v(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?(\.(0|[1-9][0-9]*))?(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z")]
    private static partial Regex SemverPattern();

    [GeneratedRegex(@"^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z")]
    private static partial Regex PseudoVersionPattern();

    /// <summary>True for a <c>go</c> line version such as <c>1.21</c>, <c>1.21.0</c> or <c>1.21rc1</c>.</summary>
    public static bool IsGoVersion(string v) => GoVersionPattern().IsMatch(v);

    /// <summary>True for a <c>toolchain</c> name such as <c>go1.21.0</c> or <c>default</c>.</summary>
    public static bool IsToolchain(string v) => ToolchainPattern().IsMatch(v);

    /// <summary>True for a Go pseudo-version (<c>v0.0.0-20200101000000-abcdef123456</c>).</summary>
    public static bool IsPseudoVersion(string v) => PseudoVersionPattern().IsMatch(v) && Canonical(v) is not null;

    /// <summary>
    /// Whether <paramref name="v"/> is already canonical (<c>Canonical(v) == v</c>), without allocating: the hot
    /// path of go.sum parsing, where nearly every version is canonical.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<char> v)
    {
        if (v.Length < 6 || v[0] != 'v')
        {
            return false;
        }

        var i = 1;
        if (!Number(v, ref i) || !Expect(v, ref i, '.') || !Number(v, ref i) || !Expect(v, ref i, '.') || !Number(v, ref i))
        {
            return false;
        }

        if (i < v.Length && v[i] == '-')
        {
            i++;
            while (true)
            {
                var start = i;
                var numeric = true;
                while (i < v.Length && (char.IsAsciiLetterOrDigit(v[i]) || v[i] == '-'))
                {
                    numeric &= char.IsAsciiDigit(v[i]);
                    i++;
                }

                if (i == start || (numeric && i - start > 1 && v[start] == '0'))
                {
                    return false;
                }

                if (i < v.Length && v[i] == '.')
                {
                    i++;
                    continue;
                }

                break;
            }
        }

        return i == v.Length || v[i..].SequenceEqual("+incompatible");

        static bool Expect(ReadOnlySpan<char> v, ref int i, char c)
        {
            if (i < v.Length && v[i] == c)
            {
                i++;
                return true;
            }

            return false;
        }

        static bool Number(ReadOnlySpan<char> v, ref int i)
        {
            var start = i;
            while (i < v.Length && char.IsAsciiDigit(v[i]))
            {
                i++;
            }

            return i > start && (i - start == 1 || v[start] != '0');
        }
    }

    /// <summary>
    /// The canonical form of a module version as Go's <c>module.CanonicalVersion</c> computes it
    /// (<c>v1.2</c> becomes <c>v1.2.0</c>, build metadata is dropped except <c>+incompatible</c>), or null when invalid.
    /// </summary>
    public static string? Canonical(string v)
    {
        var m = SemverPattern().Match(v);
        if (!m.Success)
        {
            return null;
        }

        var shortForm = !m.Groups[4].Success;
        var prerelease = m.Groups[6].Value;
        var build = m.Groups[8].Value;
        if (shortForm && (prerelease.Length > 0 || build.Length > 0))
        {
            return null;
        }

        if (prerelease.Length > 0 && !ValidPrerelease(prerelease[1..]))
        {
            return null;
        }

        var major = m.Groups[1].Value;
        var minor = m.Groups[3].Success ? m.Groups[3].Value : "0";
        var patch = m.Groups[5].Success ? m.Groups[5].Value : "0";
        var canonical = $"v{major}.{minor}.{patch}{prerelease}";
        return build == "+incompatible" ? canonical + build : canonical;
    }

    private static bool ValidPrerelease(string p)
    {
        foreach (var part in p.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0' && part.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The major version prefix, e.g. <c>v2</c> for <c>v2.3.4</c>.</summary>
    public static string Major(string v)
    {
        var dot = v.IndexOfAny(['.', '-', '+']);
        return dot < 0 ? v : v[..dot];
    }

    /// <summary>Orders two canonical module versions the way Go's semver.Compare does.</summary>
    public static int Compare(string a, string b)
    {
        var pa = ToSemVersion(a);
        var pb = ToSemVersion(b);
        if (pa is null || pb is null)
        {
            return string.CompareOrdinal(a, b);
        }

        return pa.ComparePrecedenceTo(pb);
    }

    private static SemVersion? ToSemVersion(string v)
    {
        var canonical = Canonical(v);
        if (canonical is null)
        {
            return null;
        }

        var plus = canonical.IndexOf('+', StringComparison.Ordinal);
        var core = plus < 0 ? canonical[1..] : canonical[1..plus];
        return SemVersion.TryParse(core, SemVersionStyles.Strict, out var parsed) ? parsed : null;
    }

    /// <summary>Orders Go release versions (<c>1.21</c> &lt; <c>1.21rc1</c> &lt; <c>1.21.0</c> &lt; <c>1.21.1</c>), as go/version does.</summary>
    public static int CompareGo(string a, string b)
    {
        var (ma, na, pa, ka, ra) = SplitGo(a);
        var (mb, nb, pb, kb, rb) = SplitGo(b);
        var c = ma.CompareTo(mb);
        if (c != 0) return c;
        c = na.CompareTo(nb);
        if (c != 0) return c;
        c = pa.CompareTo(pb);
        if (c != 0) return c;
        c = ka.CompareTo(kb);
        return c != 0 ? c : ra.CompareTo(rb);
    }

    // Language version "1.21" sorts before "1.21rc1" which sorts before "1.21.0".
    private static (int Major, int Minor, int Patch, int Kind, int Rel) SplitGo(string v)
    {
        var m = GoVersionPattern().Match(v.StartsWith("go", StringComparison.Ordinal) ? v[2..] : v);
        if (!m.Success)
        {
            return (0, 0, -1, 0, 0);
        }

        var major = Number(m.Groups[1].Value);
        var minor = Number(m.Groups[2].Value);
        var pre = m.Groups[5].Value;
        if (m.Groups[4].Success)
        {
            return (major, minor, Number(m.Groups[4].Value), 3, 0);
        }

        if (pre.Length == 0)
        {
            return (major, minor, -1, 0, 0);
        }

        var digits = pre.TrimStart("abcdefghijklmnopqrstuvwxyz".ToCharArray());
        var kind = pre.StartsWith("rc", StringComparison.Ordinal) ? 2 : 1;
        return (major, minor, -1, kind, Number(digits));
    }

    // The go command accepts any number of digits (it compares them as strings); past int's range, nixgen treats them
    // as the largest number: a go.mod cannot crash the comparison.
    private static int Number(string digits) =>
        int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    /// <summary>The release a Go minimum names: <c>1.26.5</c> as it is, <c>1.26</c> as <c>1.26.0</c> (go.dev's name since Go 1.21).</summary>
    public static string ReleaseOf(string goVersion) => goVersion.Count(c => c == '.') == 1 && !goVersion.Any(char.IsAsciiLetter) ? goVersion + ".0" : goVersion;

    /// <summary>The <c>go_1_XX</c> minor series of a Go version, e.g. <c>1.22</c> for <c>1.22.3</c>.</summary>
    public static string Series(string v)
    {
        var m = GoVersionPattern().Match(v.StartsWith("go", StringComparison.Ordinal) ? v[2..] : v);
        return m.Success ? $"{m.Groups[1].Value}.{m.Groups[2].Value}" : v;
    }
}
