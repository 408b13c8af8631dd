namespace NixGen.GoModules;

/// <summary>
/// Go's module proxy escaping (golang.org/x/mod/module.EscapePath and EscapeVersion): an upper-case letter becomes
/// <c>!</c> and its lower case, in the path and in the version alike. The one copy: the module cache's layout
/// (<c>cache/download/ESCAPED/@v/VERSION.zip</c>) and the proxy's URLs are both made here.
/// </summary>
internal static class ModuleProxyPath
{
    /// <summary>The escaped form of a module path or version.</summary>
    public static string Escape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length + 4);
        foreach (var c in s)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                sb.Append('!').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Where a proxy (or the module cache's <c>download</c> dir) keeps a module version, without the extension: <c>github.com/!burnt!sushi/toml/@v/v1.2.0</c>.</summary>
    public static string Of(string path, string version) => Escape(path) + "/@v/" + Escape(version);
}
