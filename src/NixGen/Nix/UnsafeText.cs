using System.Globalization;
using System.Text;

namespace NixGen.Nix;

/// <summary>
/// Characters no value read from a repository may carry into generated files or messages: NUL and other control
/// characters (a line break only where a value may span lines), and the invisible and bidirectional controls that make
/// text read differently from what it is (Trojan Source: U+202A–U+202E, U+2066–U+2069, U+200E/U+200F and the like).
/// </summary>
internal static class UnsafeText
{
    /// <summary>The first character of <paramref name="value"/> that is not allowed, as <c>U+XXXX (what)</c>, or null.</summary>
    /// <param name="multiline">True where a line feed (and tab) are part of the value (a description).</param>
    public static string? Find(string value, bool multiline = false)
    {
        foreach (var c in value)
        {
            if (multiline && c is '\n' or '\t')
            {
                continue;
            }

            if (What(c) is { } what)
            {
                return $"U+{(int)c:X4} ({what})";
            }
        }

        return null;
    }

    private static string? What(char c) => c switch
    {
        '\0' => "NUL",
        '\n' => "a line break",
        '\r' => "a carriage return",
        _ when char.IsControl(c) => "a control character",
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' => "a bidirectional control character",
        >= '\u200B' and <= '\u200D' or >= '\u2060' and <= '\u2064' or '\uFEFF' => "an invisible character",
        _ when char.IsSurrogate(c) => null,
        _ => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? "a line break" : null,
    };

    /// <summary><paramref name="value"/> for a message: double-quoted, every unsafe character written as an escape, so a message stays one honest line.</summary>
    public static string Display(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when What(c) is not null => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
