using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>Reads the import paths of Go files: what <c>go mod vendor</c> decides to copy depends on them.</summary>
internal static class GoImports
{
    /// <summary>
    /// The sorted, distinct non-standard-library imports of the packages of a module that <c>go mod vendor</c> vendors
    /// for (Go's <c>all</c>), and whether one of their non-test files that the build does not ignore uses cgo
    /// (<c>import "C"</c>). Those packages are the ones <c>./...</c> matches (not below testdata, vendor, <c>_</c> or
    /// <c>.</c> directories, nor below an <c>ignore</c>d one), with their tests, and every other package of the module
    /// they import, with its tests: an ignored directory counts only when something imports it.
    /// </summary>
    /// <param name="files">The module's files, relative to the repository root.</param>
    /// <param name="fullPath">The absolute path of a file.</param>
    public static (IReadOnlyList<string> Imports, bool UsesCgo) Of(
        string modulePath, string moduleDir, IgnorePatterns ignores, IEnumerable<string> files, Func<string, string> fullPath)
    {
        var packages = new Dictionary<string, (List<string> Imports, bool Cgo)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var full = fullPath(file);
            if (!file.EndsWith(".go", StringComparison.Ordinal) || !File.Exists(full))
            {
                continue;
            }

            var slash = file.LastIndexOf('/');
            var dir = slash < 0 ? "." : file[..slash];
            dir = moduleDir == "." ? dir : dir == moduleDir ? "." : dir[(moduleDir.Length + 1)..];
            if (!packages.TryGetValue(dir, out var package))
            {
                packages[dir] = package = ([], false);
            }

            var text = File.ReadAllText(full);
            var imports = Parse(text);
            package.Imports.AddRange(imports);
            if (imports.Contains("C") && !file.EndsWith("_test.go", StringComparison.Ordinal) && GoSourceHeader.Parse(text) is not { Ignored: true })
            {
                packages[dir] = package with { Cgo = true };
            }
        }

        // The packages ./... matches, then whatever of the module they import (tests included, as `all` does).
        var pending = new Queue<string>(packages.Keys.Where(d => IsMatchedByDotDotDot(d, ignores)));
        var reached = pending.ToHashSet(StringComparer.Ordinal);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        var cgo = false;
        while (pending.TryDequeue(out var dir))
        {
            var (imports, usesCgo) = packages[dir];
            cgo |= usesCgo;
            foreach (var i in imports)
            {
                if (i.Split('/')[0].Contains('.', StringComparison.Ordinal))
                {
                    set.Add(i);
                }

                var inModule = i == modulePath ? "." : i.StartsWith(modulePath + "/", StringComparison.Ordinal) ? i[(modulePath.Length + 1)..] : null;
                if (inModule is not null && packages.ContainsKey(inModule) && reached.Add(inModule))
                {
                    pending.Enqueue(inModule);
                }
            }
        }

        return ([.. set], cgo);
    }

    /// <summary>Whether <c>./...</c> matches the package in <paramref name="dirInModule"/> (cmd/go's module walk).</summary>
    public static bool IsMatchedByDotDotDot(string dirInModule, IgnorePatterns ignores)
    {
        if (dirInModule == ".")
        {
            return true;
        }

        var parts = dirInModule.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('.') || parts[i].StartsWith('_') || parts[i] == "testdata" || (parts[i] == "vendor" && i < parts.Length - 1))
            {
                return false;
            }
        }

        return !ignores.Ignores(dirInModule);
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
