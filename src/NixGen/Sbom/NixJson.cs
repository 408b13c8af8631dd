using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NixGen.Sbom;

/// <summary>
/// JSON exactly as Nix's <c>builtins.toJSON</c> prints it (Nix 2.19 and later: nlohmann's dump): no whitespace,
/// object keys in byte order, strings with <c>"</c>, <c>\</c> and control characters escaped (<c>\b \f \n \r \t</c>,
/// the rest as <c>\u00xx</c>) and everything else, non-ASCII included, as it is. Integers only.
/// </summary>
internal static class NixJson
{
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, indent: null);
        return sb.ToString();
    }

    /// <summary>The same order and escaping, indented by two spaces (the data file: reviewable diffs), with a final newline.</summary>
    public static string SerializeIndented(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, indent: "");
        return sb.Append('\n').ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, string? indent)
    {
        var inner = indent is null ? null : indent + "  ";
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                if (o.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => Encoding.UTF8.GetBytes(p.Key), ByteOrder.Instance))
                {
                    sb.Append(first ? "" : ",");
                    NewLine(sb, inner);
                    String(sb, key);
                    sb.Append(indent is null ? ":" : ": ");
                    Write(sb, value, inner);
                    first = false;
                }

                NewLine(sb, indent);
                sb.Append('}');
                break;
            case JsonArray a:
                if (a.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    NewLine(sb, inner);
                    Write(sb, a[i], inner);
                }

                NewLine(sb, indent);
                sb.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                String(sb, v.GetValue<string>());
                break;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                sb.Append(v.GetValue<bool>() ? "true" : "false");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                sb.Append(v.TryGetValue<int>(out var n) ? n.ToString(CultureInfo.InvariantCulture) : v.GetValue<long>().ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"NixJson: unsupported value {Json.JsonText.Line(node)}");
        }
    }

    private static void NewLine(StringBuilder sb, string? indent)
    {
        if (indent is not null)
        {
            sb.Append('\n').Append(indent);
        }
    }

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Nix sorts attribute names as byte strings.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
