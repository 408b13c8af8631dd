namespace NixGen.Discovery;

/// <summary>The package clause of a Go source file and whether <c>//go:build ignore</c> excludes it.</summary>
internal partial record GoSourceHeader(string Package, bool Ignored)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^func\s+main\s*\(\s*\)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex MainFunc();

    /// <summary>Whether a Go file declares <c>func main()</c>: a <c>package main</c> without one is no program (go build fails).</summary>
    public static bool DeclaresMain(string path) => File.Exists(path) && MainFunc().IsMatch(File.ReadAllText(path));

    /// <summary>Reads only the file's header (comments and the package clause); null when there is no package clause.</summary>
    public static GoSourceHeader? Read(string path)
    {
        string text;
        using (var reader = new StreamReader(path))
        {
            var buffer = new char[16 * 1024];
            var n = reader.ReadBlock(buffer, 0, buffer.Length);
            text = new string(buffer, 0, n);
        }

        return Parse(text);
    }

    public static GoSourceHeader? Parse(string text)
    {
        var ignored = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, "//", 0, 2) == 0)
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                var comment = text[i..end].Trim();
                if (comment.StartsWith("//go:build", StringComparison.Ordinal) && IsIgnoreConstraint(comment["//go:build".Length..]))
                {
                    ignored = true;
                }

                i = end;
            }
            else if (string.CompareOrdinal(text, i, "/*", 0, 2) == 0)
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        if (string.CompareOrdinal(text, i, "package", 0, 7) != 0 || i + 7 >= text.Length || !char.IsWhiteSpace(text[i + 7]))
        {
            return null;
        }

        i += 7;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i == start ? null : new GoSourceHeader(text[start..i], ignored);
    }

    // "ignore" is the conventional tag for files that are never built (generators, examples).
    private static bool IsIgnoreConstraint(string expr)
    {
        var e = expr.Trim();
        return e == "ignore" || e.StartsWith("ignore &&", StringComparison.Ordinal);
    }
}
