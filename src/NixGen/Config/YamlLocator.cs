using YamlDotNet.RepresentationModel;

namespace NixGen.Config;

/// <summary>Finds where a key path (mapping keys and sequence indexes) sits in a YAML text, for error positions.</summary>
internal sealed class YamlLocator
{
    private readonly YamlNode? _root;

    public YamlLocator(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            _root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            _root = null;
        }
    }

    /// <summary>"line:col" of the deepest node of <paramref name="path"/> that exists (1:1 when none).</summary>
    public string Find(params object[] path)
    {
        var node = _root;
        var found = _root;
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (YamlMappingNode m, string key) => m.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && (k.Value == key || k.Value?.TrimEnd('/') == key)).Value,
                (YamlSequenceNode seq, int index) when index >= 0 && index < seq.Children.Count => seq.Children[index],
                _ => null,
            };
            if (node is null)
            {
                break;
            }

            found = node;
        }

        return found is null ? "1:1" : $"{found.Start.Line}:{found.Start.Column}";
    }

    /// <summary>"line:col" of the key <paramref name="key"/> in the mapping at <paramref name="mapping"/>, or null.</summary>
    public string? FindKey(string mapping, string key)
    {
        if (_root is not YamlMappingNode root
            || root.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && k.Value == mapping).Value is not YamlMappingNode m)
        {
            return null;
        }

        var node = m.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && (k.Value == key || k.Value?.TrimEnd('/') == key)).Key;
        return node is null ? null : $"{node.Start.Line}:{node.Start.Column}";
    }
}
