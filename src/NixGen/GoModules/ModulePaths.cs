using System.Globalization;
using System.Text;

namespace NixGen.GoModules;

/// <summary>Go's rules for module paths, quoted strings and local replacement directories.</summary>
internal static class ModulePaths
{
    /// <summary>Reads a token as Go's modfile does: unquotes <c>"..."</c>, rejects other quotes.</summary>
    /// <exception cref="FormatException">The token is not a valid string.</exception>
    public static string ParseString(string token)
    {
        if (token.StartsWith('"'))
        {
            return Unquote(token);
        }

        if (token.AsSpan().IndexOfAny("\"'`") >= 0)
        {
            throw new FormatException("unquoted string cannot contain quote");
        }

        return token;
    }

    /// <summary>Go's <c>strconv.Unquote</c> for a double-quoted string.</summary>
    public static string Unquote(string s)
    {
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
        {
            throw new FormatException("invalid syntax");
        }

        var sb = new StringBuilder();
        var bytes = new List<byte>();
        for (var i = 1; i < s.Length - 1; i++)
        {
            var c = s[i];
            if (c == '"' || c == '\n')
            {
                throw new FormatException("invalid syntax");
            }

            if (c != '\\')
            {
                Flush(sb, bytes);
                sb.Append(c);
                continue;
            }

            if (++i >= s.Length - 1)
            {
                throw new FormatException("invalid syntax");
            }

            i = Escape(s, i, sb, bytes);
        }

        Flush(sb, bytes);
        return sb.ToString();
    }

    /// <summary>Bytes from <c>\x</c> and octal escapes accumulate until a character follows: together they are UTF-8.</summary>
    private static void Flush(StringBuilder sb, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            sb.Append(Encoding.UTF8.GetString([.. bytes]));
            bytes.Clear();
        }
    }

    /// <summary>One escape after a backslash (<paramref name="i"/> is its letter); returns the index of its last character.</summary>
    private static int Escape(string s, int i, StringBuilder sb, List<byte> bytes)
    {
        var simple = s[i] switch
        {
            'a' => '\a',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            '\\' => '\\',
            '"' => '"',
            _ => (char?)null,
        };
        if (simple is { } ch)
        {
            Flush(sb, bytes);
            sb.Append(ch);
            return i;
        }

        switch (s[i])
        {
            case 'x':
                bytes.Add((byte)Hex(s, i + 1, 2));
                return i + 2;
            case 'u' or 'U':
                var n = s[i] == 'u' ? 4 : 8;
                var cp = Hex(s, i + 1, n);
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
                {
                    throw new FormatException("invalid syntax");
                }

                Flush(sb, bytes);
                sb.Append(char.ConvertFromUtf32(cp));
                return i + n;
            case >= '0' and <= '7':
                bytes.Add(Octal(s, i));
                return i + 2;
            default:
                throw new FormatException("invalid syntax");
        }
    }

    private static byte Octal(string s, int i)
    {
        if (i + 2 >= s.Length - 1)
        {
            throw new FormatException("invalid syntax");
        }

        var oct = 0;
        for (var k = 0; k < 3; k++)
        {
            var d = s[i + k];
            if (d is < '0' or > '7')
            {
                throw new FormatException("invalid syntax");
            }

            oct = (oct * 8) + (d - '0');
        }

        return oct > 255 ? throw new FormatException("invalid syntax") : (byte)oct;
    }

    private static int Hex(string s, int at, int n)
    {
        if (at + n > s.Length - 1 || !int.TryParse(s.AsSpan(at, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException("invalid syntax");
        }

        return v;
    }

    /// <summary>True when a replacement names a directory rather than a module (<c>./x</c>, <c>../x</c>, <c>/abs</c>).</summary>
    public static bool IsDirectoryPath(string ns) =>
        ns is "." or ".." || ns.StartsWith("./", StringComparison.Ordinal) || ns.StartsWith("../", StringComparison.Ordinal)
        || ns.StartsWith('/') || ns.StartsWith(@".\", StringComparison.Ordinal) || ns.StartsWith(@"..\", StringComparison.Ordinal)
        || (ns.Length >= 3 && char.IsAsciiLetter(ns[0]) && ns[1] == ':' && ns[2] is '\\' or '/');

    /// <summary>Splits <c>example.com/m/v2</c> into prefix and <c>/v2</c> (or <c>gopkg.in/x.v1</c> into <c>.v1</c>).</summary>
    public static bool TrySplitPathVersion(string path, out string prefix, out string pathMajor)
    {
        prefix = path;
        pathMajor = "";
        if (path.StartsWith("gopkg.in/", StringComparison.Ordinal))
        {
            var p = path.EndsWith("-unstable", StringComparison.Ordinal) ? path[..^"-unstable".Length] : path;
            var dot = p.LastIndexOf('.');
            if (dot < 0 || dot + 2 > p.Length || p[dot + 1] != 'v' || p.Length == dot + 2 || !p[(dot + 2)..].All(char.IsAsciiDigit)
                || (p.Length > dot + 3 && p[dot + 2] == '0'))
            {
                return false;
            }

            prefix = path[..dot];
            pathMajor = path[dot..];
            return true;
        }

        var i = path.Length;
        var dotted = false;
        while (i > 0 && (char.IsAsciiDigit(path[i - 1]) || path[i - 1] == '.'))
        {
            dotted |= path[i - 1] == '.';
            i--;
        }

        if (i <= 1 || i == path.Length || path[i - 1] != 'v' || path[i - 2] != '/')
        {
            return true;
        }

        var major = path[(i - 2)..];
        if (dotted || major.Length <= 2 || major[2] == '0' || major == "/v1")
        {
            return false;
        }

        prefix = path[..(i - 2)];
        pathMajor = major;
        return true;
    }

    /// <summary>Checks that a version's major matches the path's <c>/vN</c> suffix; returns the complaint or null.</summary>
    public static string? CheckPathMajor(string version, string pathMajor)
    {
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        if (version.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1")
        {
            return null;
        }

        var m = GoVersions.Major(version);
        if (pathMajor.Length == 0)
        {
            if (m is "v0" or "v1" || version.EndsWith("+incompatible", StringComparison.Ordinal))
            {
                return null;
            }

            pathMajor = "v0 or v1";
        }
        else if (pathMajor[0] is '/' or '.')
        {
            // Like x/mod's MatchPathMajor, "+incompatible" is not checked against a /vN suffix here:
            // Go parses such a requirement and only refuses it when it fetches the module.
            if (m == pathMajor[1..])
            {
                return null;
            }

            pathMajor = pathMajor[1..];
        }

        return $"should be {pathMajor}, not {m}";
    }

    /// <summary>Checks a module path's characters and elements as Go's module.CheckImportPath does; returns the complaint or null.</summary>
    public static string? CheckModulePath(string path)
    {
        if (path.Length == 0)
        {
            return "empty string";
        }

        if (path[0] == '-')
        {
            return "leading dash";
        }

        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "double slash";
        }

        if (path[^1] == '/')
        {
            return "trailing slash";
        }

        foreach (var elem in path.Split('/'))
        {
            if (elem.Length == 0)
            {
                return "empty path element";
            }

            if (elem is "." or "..")
            {
                return $"invalid path element \"{elem}\"";
            }

            foreach (var c in elem)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+'))
                {
                    return $"invalid char '{c}'";
                }
            }

            if (elem[^1] == '.')
            {
                return "trailing dot in path element";
            }

            if (elem[0] == '.')
            {
                return "leading dot in path element";
            }
        }

        return null;
    }
}
