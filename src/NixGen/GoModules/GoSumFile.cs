namespace NixGen.GoModules;

/// <summary>One go.sum line: a module's tree hash, or (with <see cref="IsGoMod"/>) its go.mod's hash.</summary>
public sealed record GoSumEntry(string Path, string Version, bool IsGoMod, string Hash, int Line);

/// <summary>A parsed go.sum file.</summary>
public sealed record GoSumFile(string FileName, IReadOnlyList<GoSumEntry> Entries)
{
    /// <summary>Module versions whose tree hash is recorded (the <c>/go.mod</c> lines left out), keyed by path.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ModuleVersions() =>
        Entries.Where(e => !e.IsGoMod)
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Version).Distinct().Order(StringComparer.Ordinal)], StringComparer.Ordinal);

    /// <summary>Parses go.sum text; malformed lines are reported with their line and column.</summary>
    public static GoSumFile Parse(string fileName, string text)
    {
        var entries = new List<GoSumEntry>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var firstCol = 1 + line.Length - line.TrimStart(' ', '\t').Length;
            if (fields.Length != 3)
            {
                throw new GoModParseException(fileName, new Position(lineNo, firstCol, 0),
                    $"malformed go.sum line: want \"module version hash\", got {fields.Length} field{(fields.Length == 1 ? "" : "s")}");
            }

            int Col(int field)
            {
                var at = 0;
                for (var i = 0; i <= field; i++)
                {
                    at = line.IndexOf(fields[i], at + (i == 0 ? 0 : fields[i - 1].Length), StringComparison.Ordinal);
                }

                return at + 1;
            }

            var path = fields[0];
            if (ModulePaths.CheckModulePath(path) is { } complaint)
            {
                throw new GoModParseException(fileName, new Position(lineNo, Col(0), 0), $"malformed module path \"{path}\": {complaint}");
            }

            var version = fields[1];
            var isGoMod = version.EndsWith("/go.mod", StringComparison.Ordinal);
            if (isGoMod)
            {
                version = version[..^"/go.mod".Length];
            }

            if (GoVersions.Canonical(version) != version)
            {
                throw new GoModParseException(fileName, new Position(lineNo, Col(1), 0), $"{path}: invalid version \"{fields[1]}\": must be canonical, of the form v1.2.3");
            }

            var hash = fields[2];
            if (!IsValidHash(hash))
            {
                throw new GoModParseException(fileName, new Position(lineNo, Col(2), 0), $"{path}@{version}: malformed hash \"{hash}\": want h1: followed by base64 of a sha256");
            }

            entries.Add(new GoSumEntry(path, version, isGoMod, hash, lineNo));
        }

        return new GoSumFile(fileName, entries);
    }

    private static bool IsValidHash(string hash)
    {
        var colon = hash.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        if (hash[..colon] != "h1")
        {
            // Future hash algorithms are accepted as Go does: it ignores what it cannot check.
            return hash[..colon].All(char.IsAsciiLetterOrDigit);
        }

        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(hash[(colon + 1)..], buffer, out var n) && n == 32;
    }
}
