using System.Text.Json;
using System.Text.Json.Nodes;
using NixGen.Config;

namespace NixGen.Rendering;

/// <summary>
/// The repository's .NET local tool manifest (<c>.config/dotnet-tools.json</c>, what <c>dotnet tool restore</c> reads).
/// When it lists nixgen, the generated CI restores exactly that release instead of installing the one that rendered it,
/// so the pin lives where .NET developers keep it and `dotnet tool update nixgen` moves it.
/// </summary>
internal static class ToolManifest
{
    public const string Path = ".config/dotnet-tools.json";

    /// <summary>The nixgen version the manifest pins, or null when there is no manifest or it does not list nixgen.</summary>
    public static string? NixgenVersion(string repoRoot)
    {
        var file = System.IO.Path.Combine(repoRoot, Path);
        if (!File.Exists(file))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{Path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({e.Message.Split('.')[0]})");
        }

        // Tool ids are NuGet package ids: case-insensitive.
        var tool = (root?["tools"] as JsonObject)?.FirstOrDefault(t => string.Equals(t.Key, "nixgen", StringComparison.OrdinalIgnoreCase)).Value;
        if (tool is null)
        {
            return null;
        }

        return tool["version"] is JsonValue v && v.TryGetValue<string>(out var version) && version.Length > 0
            ? version
            : throw new ConfigException($"{Path}: tools.{"nixgen"}: no \"version\" (`dotnet tool install nixgen` writes one)");
    }
}
