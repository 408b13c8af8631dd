using NixGen.Config;
using NixGen.Json;
using NixGen.Nix;
using Scriban.Runtime;

namespace NixGen.Rendering;

/// <summary>
/// The functions every template may call, so that the model carries plain values and the templates write the syntax:
/// each is the one quoter or serializer of its language (<see cref="NixString"/>, <see cref="JsonText"/>,
/// <see cref="YamlScalar"/>), bound here under a short name.
/// </summary>
internal static class TemplateFunctions
{
    /// <summary>Adds <c>dedent</c>, <c>nix.*</c>, <c>json.*</c> and <c>yaml.*</c> to <paramref name="globals"/>.</summary>
    public static void Import(ScriptObject globals)
    {
        globals.Import("dedent", new Func<string, int, string>(Dedent));

        var nix = new ScriptObject();
        // A Nix string literal ("…", escaped), its inside, an attribute name (bare when it can be), text for a # comment.
        nix.Import("quote", new Func<string, string>(NixString.Quote));
        nix.Import("escape", new Func<string, string>(NixString.Escape));
        nix.Import("attr", new Func<string, string>(NixString.AttrName));
        nix.Import("comment", new Func<string, string>(NixString.Comment));
        globals.SetValue("nix", nix, readOnly: true);

        var json = new ScriptObject();
        // A JSON string literal; a value (a model list or object) as JSON on one line, `, ` and `: ` between items.
        json.Import("quote", new Func<string, string>(JsonText.Quote));
        json.Import("flow", new Func<object?, string>(JsonText.FlowOf));
        globals.SetValue("json", json, readOnly: true);

        var yaml = new ScriptObject();
        // A YAML scalar whose value is exactly the text: plain where YAML reads it back unchanged, else double-quoted.
        yaml.Import("scalar", new Func<string, string>(YamlScalar.Of));
        yaml.Import("quoted", new Func<string, string>(YamlScalar.Quoted));
        globals.SetValue("yaml", yaml, readOnly: true);
    }

    /// <summary>Removes up to <paramref name="columns"/> leading spaces from every line (a partial shared at another depth).</summary>
    internal static string Dedent(string text, int columns) =>
        string.Join("\n", text.Split('\n').Select(l => l[Math.Min(columns, l.Length - l.TrimStart(' ').Length)..]));
}
