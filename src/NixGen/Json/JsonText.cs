using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NixGen.Json;

/// <summary>
/// The one way nixgen writes JSON (nixgen.lock, nix/go-modules.json, <c>--json</c> output, its cache): characters
/// escaped only where JSON requires it (quotes, backslashes, control characters), so an SRI hash keeps its literal
/// <c>+</c> and <c>/</c> and a path its non-ASCII letters, as <c>jq</c> or <c>nix</c> would print them.
/// </summary>
internal static class JsonText
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>One line.</summary>
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = Encoder };

    /// <summary>Two-space indentation.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = Encoder };

    /// <summary>A node on one line.</summary>
    public static string Line(JsonNode node) => node.ToJsonString(Compact);

    /// <summary>A node indented with two spaces, LF line ends.</summary>
    public static string Pretty(JsonNode node) => node.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>
    /// A node on one line with <c>, </c> between items and <c>: </c> after keys (as a person writes JSON inline, e.g. in
    /// a YAML file); strings and numbers as <see cref="Compact"/> writes them.
    /// </summary>
    public static string Flow(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(", ", o.Select(p => Quote(p.Key) + ": " + Flow(p.Value))) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(Flow)) + "]",
        _ => node.ToJsonString(Compact),
    };

    // Objects of a template's model: their properties in snake_case, as the templates name them.
    private static readonly JsonSerializerOptions Model = new(Compact) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary><see cref="Flow"/> of a template's model value (a list, a record), its properties in snake_case.</summary>
    public static string FlowOf(object? value) => Flow(value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), Model));

    /// <summary>A JSON string literal for <paramref name="value"/>.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Compact);

    /// <summary>Any serializable value on one line.</summary>
    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Compact);

    /// <summary>Any serializable value as a JSON element (to walk its properties).</summary>
    public static JsonElement ElementOf<T>(T value) => JsonSerializer.SerializeToElement(value, Compact);
}
