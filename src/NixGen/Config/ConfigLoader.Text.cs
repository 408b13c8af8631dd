using System.Collections;
using System.Reflection;
using NixGen.Nix;

namespace NixGen.Config;

/// <summary>
/// nixgen.yaml's text, before any value is read for what it means: no string (value or key) holds NUL, a control
/// character or an invisible/bidirectional one, and only a description spans lines. Every value reaches Nix, shell or
/// YAML, and what a reviewer reads must be what it is.
/// </summary>
internal partial class ConfigLoader
{
    private static void CheckText(RawConfig raw, Site site) => CheckNode(raw, [], site);

    private static void CheckNode(object? node, List<object> path, Site site)
    {
        switch (node)
        {
            case null:
                return;
            case string s:
                var multiline = path.Count > 0 && path[^1] is "description";
                if (UnsafeText.Find(s, multiline) is { } found)
                {
                    throw site.Bad(KeyPath(path), $"{UnsafeText.Display(s)} holds {found}, which nixgen does not put into Nix, shell or YAML", [.. path]);
                }

                return;
            case IDictionary map:
                foreach (DictionaryEntry e in map)
                {
                    var key = (string)e.Key;
                    path.Add(key);
                    if (UnsafeText.Find(key) is { } inKey)
                    {
                        throw site.Bad(KeyPath(path), $"the key {UnsafeText.Display(key)} holds {inKey}", [.. path]);
                    }

                    CheckNode(e.Value, path, site);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(i);
                    CheckNode(list[i], path, site);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case bool or int:
                return;
            default:
                // One of the Raw* classes: each property is a key of nixgen.yaml, camelCase.
                foreach (var p in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    path.Add(char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
                    CheckNode(p.GetValue(node), path, site);
                    path.RemoveAt(path.Count - 1);
                }

                return;
        }
    }

    /// <summary><c>services.svc/api.image.env</c>: keys joined by dots, list indexes left out (as the other messages name keys).</summary>
    private static string KeyPath(List<object> path) =>
        string.Join(".", path.OfType<string>().Select(k => UnsafeText.Find(k) is null ? k : UnsafeText.Display(k)));
}
