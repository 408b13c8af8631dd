using System.Text;
using System.Text.RegularExpressions;

namespace NixGen.Nix;

/// <summary>The one place where text becomes Nix syntax: every user-provided string goes through here.</summary>
internal partial class NixString
{
    [GeneratedRegex(@"^[A-Za-z0-9._+\-/]+\z")]
    private static partial Regex PlainPathPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_'-]*\z")]
    private static partial Regex IdentifierPattern();

    /// <summary>Text for a <c>#</c> comment: one line, control characters replaced, so no value can end the comment.</summary>
    public static string Comment(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c)).Trim();

    /// <summary>A double-quoted Nix string literal whose value is exactly <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '$' when i + 1 < value.Length && value[i + 1] == '{': sb.Append("\\$"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A string literal for <paramref name="value"/>, or <c>null</c> for none.</summary>
    public static string QuoteOrNull(string? value) => value is null ? "null" : Quote(value);

    /// <summary>The repository root as a path relative to a file <paramref name="depth"/> directories below it (<c>./.</c>, <c>../.</c>).</summary>
    public static string RootFrom(int depth) => depth == 0 ? "./." : string.Concat(Enumerable.Repeat("../", depth)) + ".";

    /// <summary>An attribute name: bare when it is an identifier, quoted otherwise.</summary>
    public static string AttrName(string name) => IdentifierPattern().IsMatch(name) && name is not ("rec" or "let" or "in" or "if" or "then" or "else" or "with" or "inherit" or "assert" or "or") ? name : Quote(name);

    /// <summary>
    /// The Nix text of <paramref name="value"/> inside a double-quoted string: <see cref="Quote"/> without its quotes,
    /// for a template that writes a string with interpolations of its own (<c>"{{ nix.escape name }}-${version}"</c>).
    /// </summary>
    public static string Escape(string value) => Quote(value)[1..^1];

    /// <summary>A path expression relative to a module file's <c>src</c> (the repository root) for a repository directory.</summary>
    public static string SrcPath(string relDir) => relDir == "." ? "src" : $"(src + {Quote("/" + relDir)})";

    /// <summary>A path expression relative to the flake root for a repository directory.</summary>
    public static string RepoPath(string relDir)
    {
        if (relDir == ".")
        {
            return "./.";
        }

        return PlainPathPattern().IsMatch(relDir) && !relDir.Contains("//", StringComparison.Ordinal) && !relDir.EndsWith('/')
            ? "./" + relDir
            : $"(./. + {Quote("/" + relDir)})";
    }
}
