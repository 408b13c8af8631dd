using System.Text;
using System.Text.Json;

namespace NixGen.Planning;

/// <summary>Where a JSON text repeats a key of one object (System.Text.Json refuses it but does not say where).</summary>
internal static class JsonDuplicates
{
    /// <summary>The 1-based line and column of the first key that repeats one of its object, or null when none does.</summary>
    public static (long Line, long Column)? First(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var objects = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        objects.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName when objects.Peek() is { } keys && !keys.Add(reader.GetString()!):
                        var at = (int)reader.TokenStartIndex;
                        var lineStart = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(0, at - 1));
                        return (bytes.AsSpan(0, at).Count((byte)'\n') + 1, at - (at == 0 ? 0 : lineStart));
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
