using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NixGen.Config;

/// <summary>The one place where text becomes a YAML scalar (nixgen.yaml, the CI workflows): plain when safe, else quoted.</summary>
internal partial class YamlScalar
{
    // Plain scalars that YAML reads back as the same string: no indicators, no numbers, booleans or nulls.
    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./+-]*\z")]
    private static partial Regex PlainPattern();

    private static readonly HashSet<string> Special = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    /// <summary>A scalar whose value is exactly <paramref name="value"/>.</summary>
    public static string Of(string value) => PlainPattern().IsMatch(value) && !Special.Contains(value) ? value : Quoted(value);

    /// <summary>A double-quoted scalar (escapes <c>\</c>, <c>"</c> and control characters).</summary>
    public static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    // Control characters and what YAML reads as a line break or cannot carry (LS, PS, BOM, non-characters).
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
