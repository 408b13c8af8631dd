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

    /// <summary>
    /// The <c>//</c> comments of a Go file's header (before its package clause, where build constraints live), in order;
    /// <paramref name="end"/> is where the header ends, or -1 inside an unterminated <c>/*</c> comment.
    /// </summary>
    public static IReadOnlyList<string> HeaderComments(string text, out int end)
    {
        var comments = new List<string>();
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, "//", 0, 2) == 0)
            {
                var lineEnd = text.IndexOf('\n', i);
                lineEnd = lineEnd < 0 ? text.Length : lineEnd;
                comments.Add(text[i..lineEnd]);
                i = lineEnd;
            }
            else if (string.CompareOrdinal(text, i, "/*", 0, 2) == 0)
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    end = -1;
                    return comments;
                }

                i = close + 2;
            }
            else
            {
                break;
            }
        }

        end = i;
        return comments;
    }

    public static GoSourceHeader? Parse(string text)
    {
        var comments = HeaderComments(text, out var i);
        if (i < 0)
        {
            return null;
        }

        var ignored = comments.Select(c => c.Trim()).Any(c => c.StartsWith("//go:build", StringComparison.Ordinal) && IsIgnoreConstraint(c["//go:build".Length..]));
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
