namespace NixGen.Discovery;

/// <summary>Reads the import paths of Go files: what <c>go mod vendor</c> decides to copy depends on them.</summary>
internal static class GoImports
{
    /// <summary>
    /// The sorted, distinct non-standard-library imports of a module's non-test Go files (given as full paths), and
    /// whether any of them that the build does not ignore uses cgo (<c>import "C"</c>).
    /// </summary>
    public static (IReadOnlyList<string> Imports, bool UsesCgo) Of(IEnumerable<string> goFiles)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        var cgo = false;
        foreach (var full in goFiles)
        {
            if (!full.EndsWith(".go", StringComparison.Ordinal) || full.EndsWith("_test.go", StringComparison.Ordinal) || !File.Exists(full))
            {
                continue;
            }

            var text = File.ReadAllText(full);
            foreach (var i in Parse(text))
            {
                if (i == "C")
                {
                    cgo |= GoSourceHeader.Parse(text) is not { Ignored: true };
                    continue;
                }

                var first = i.Split('/')[0];
                if (first.Contains('.', StringComparison.Ordinal))
                {
                    set.Add(i);
                }
            }
        }

        return ([.. set], cgo);
    }

    /// <summary>The import paths declared by one Go source file.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var result = new List<string>();
        var i = 0;
        var seenPackage = false;
        while (i < text.Length)
        {
            SkipSpaceAndComments(text, ref i);
            if (i >= text.Length)
            {
                break;
            }

            var word = ReadWord(text, ref i);
            if (word == "package" && !seenPackage)
            {
                seenPackage = true;
                SkipSpaceAndComments(text, ref i);
                ReadWord(text, ref i);
                continue;
            }

            if (word != "import" || !seenPackage)
            {
                break;
            }

            SkipSpaceAndComments(text, ref i);
            if (i < text.Length && text[i] == '(')
            {
                i++;
                while (true)
                {
                    SkipSpaceAndComments(text, ref i);
                    if (i >= text.Length || text[i] == ')')
                    {
                        i++;
                        break;
                    }

                    if (ReadSpec(text, ref i) is { } path)
                    {
                        result.Add(path);
                    }
                    else
                    {
                        i++;
                    }
                }
            }
            else if (ReadSpec(text, ref i) is { } path)
            {
                result.Add(path);
            }
        }

        return result;
    }

    private static string? ReadSpec(string text, ref int i)
    {
        if (i < text.Length && text[i] != '"' && text[i] != '`')
        {
            ReadWord(text, ref i); // alias, "." or "_"
            if (i < text.Length && text[i] == '.')
            {
                i++;
            }

            SkipSpaceAndComments(text, ref i);
        }

        if (i >= text.Length || (text[i] != '"' && text[i] != '`'))
        {
            return null;
        }

        var quote = text[i];
        var end = text.IndexOf(quote, i + 1);
        if (end < 0)
        {
            i = text.Length;
            return null;
        }

        var path = text[(i + 1)..end];
        i = end + 1;
        return path;
    }

    private static string ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return text[start..i];
    }

    private static void SkipSpaceAndComments(string text, ref int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == ';')
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, "//", 0, 2) == 0)
            {
                var nl = text.IndexOf('\n', i);
                i = nl < 0 ? text.Length : nl + 1;
            }
            else if (string.CompareOrdinal(text, i, "/*", 0, 2) == 0)
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }
}
