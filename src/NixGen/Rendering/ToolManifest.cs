using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NixGen.Config;

namespace NixGen.Rendering;

/// <summary>
/// The repository's .NET local tool manifest (<c>.config/dotnet-tools.json</c>, what <c>dotnet tool restore</c> reads).
/// When it lists nixgen, the generated CI restores exactly that release instead of installing the one that rendered it,
/// so the pin lives where .NET developers keep it and `dotnet tool update nixgen` moves it.
/// </summary>
internal static partial class ToolManifest
{
    public const string Path = ".config/dotnet-tools.json";

    /// <summary>A NuGet package version as <c>dotnet tool install</c> writes it (1.2.3, 1.2.3.4, 1.2.3-beta.1): it reaches a workflow's shell.</summary>
    [GeneratedRegex(@"\A[0-9]{1,9}(\.[0-9]{1,9}){1,3}(-[0-9A-Za-z][0-9A-Za-z.-]{0,63})?\z")]
    private static partial Regex NuGetVersionPattern();

    /// <summary>The nixgen version the manifest pins, or null when there is no manifest or it does not list nixgen.</summary>
    public static string? NixgenVersion(string repoRoot)
    {
        var file = System.IO.Path.Combine(repoRoot, Path);
        if (!File.Exists(file))
        {
            return null;
        }

        var text = File.ReadAllText(file);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            var position = e is JsonException j ? $"{(j.LineNumber ?? 0) + 1}:{(j.BytePositionInLine ?? 0) + 1}" : "1:1";
            throw new ConfigException($"{Path}:{position}: not valid JSON ({e.Message.Split('.')[0]})");
        }

        // Tool ids are NuGet package ids: case-insensitive.
        var tool = (root?["tools"] as JsonObject)?.FirstOrDefault(t => string.Equals(t.Key, "nixgen", StringComparison.OrdinalIgnoreCase));
        if (tool?.Value is null)
        {
            return null;
        }

        if (tool.Value.Value["version"] is not JsonValue v || !v.TryGetValue<string>(out var version) || version.Length == 0)
        {
            throw new ConfigException($"{Path}: tools.{tool.Value.Key}: no \"version\" (`dotnet tool install nixgen` writes one)");
        }

        return NuGetVersionPattern().IsMatch(version)
            ? version
            : throw new ConfigException($"{Path}:{VersionPosition(text, tool.Value.Key)}: tools.{tool.Value.Key}.version: {YamlScalar.Quoted(version)} is not a NuGet package version such as 1.4.2 or 1.5.0-beta.1");
    }

    /// <summary>Line and column of the value of <c>tools.KEY.version</c> (the last one, as the parser keeps), for the error.</summary>
    private static string VersionPosition(string text, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string?>();
        string? property = null;
        long at = -1;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(property);
                    property = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    break;
                default:
                    if (property == "version" && path is [null, "tools", var k] && k == key)
                    {
                        at = reader.TokenStartIndex;
                    }

                    property = null;
                    break;
            }
        }

        if (at < 0)
        {
            return "1:1";
        }

        var before = Encoding.UTF8.GetString(bytes, 0, (int)at);
        var line = before.Count(c => c == '\n') + 1;
        return $"{line}:{before.Length - before.LastIndexOf('\n')}";
    }
}
