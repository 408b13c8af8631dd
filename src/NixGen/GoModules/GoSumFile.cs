namespace NixGen.GoModules;

/// <summary>One go.sum line: a module's tree hash, or (with <see cref="IsGoMod"/>) its go.mod's hash.</summary>
/// <remarks>The hash stays a slice of the file's text (it is only ever printed): a large go.sum allocates half as much.</remarks>
internal sealed record GoSumEntry(string Path, string Version, bool IsGoMod, ReadOnlyMemory<char> HashText, int Line)
{
    public string Hash => HashText.ToString();
}

/// <summary>A parsed go.sum file.</summary>
internal sealed record GoSumFile(string FileName, IReadOnlyList<GoSumEntry> Entries)
{
    /// <summary>Module versions whose tree hash is recorded (the <c>/go.mod</c> lines left out), keyed by path.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ModuleVersions() =>
        Entries.Where(e => !e.IsGoMod)
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Version).Distinct().Order(StringComparer.Ordinal)], StringComparer.Ordinal);

    /// <summary>
    /// Parses go.sum text; malformed lines are reported with their line and column. Allocation-light: fields are
    /// sliced from the text, each module path is checked (and allocated) once however many lines name it.
    /// </summary>
    public static GoSumFile Parse(string fileName, string text)
    {
        var entries = new List<GoSumEntry>(text.Length / 90 + 1);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var lineNo = 0;
        var start = 0;
        Span<Range> fields = stackalloc Range[4];
        string? previousVersion = null;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            lineNo++;
            var line = text.AsSpan(start, end - start).TrimEnd('\r');
            var lineStart = start;
            start = end + 1;
            var count = Split(line, fields);
            if (count == 0)
            {
                continue;
            }

            if (count != 3)
            {
                throw new GoModParseException(fileName, new Position(lineNo, 1 + fields[0].Start.Value, 0),
                    $"malformed go.sum line: want \"module version hash\", got {count} field{(count == 1 ? "" : "s")}");
            }

            var pathSpan = line[fields[0]];
            if (!paths.TryGetValue(pathSpan, out var path))
            {
                path = pathSpan.ToString();
                if (ModulePaths.CheckModulePath(path) is { } complaint)
                {
                    throw new GoModParseException(fileName, new Position(lineNo, 1 + fields[0].Start.Value, 0), $"malformed module path \"{path}\": {complaint}");
                }

                paths[path] = path;
            }

            var versionField = line[fields[1]];
            var isGoMod = versionField.EndsWith("/go.mod", StringComparison.Ordinal);
            var versionSpan = isGoMod ? versionField[..^"/go.mod".Length] : versionField;
            if (!GoVersions.IsCanonical(versionSpan))
            {
                throw new GoModParseException(fileName, new Position(lineNo, 1 + fields[1].Start.Value, 0),
                    $"{path}: invalid version \"{versionField}\": must be canonical, of the form v1.2.3");
            }

            var hash = text.AsMemory(lineStart + fields[2].Start.Value, fields[2].End.Value - fields[2].Start.Value);
            if (!IsValidHash(hash.Span))
            {
                throw new GoModParseException(fileName, new Position(lineNo, 1 + fields[2].Start.Value, 0),
                    $"{path}@{versionSpan}: malformed hash \"{hash}\": want h1: followed by base64 of a sha256");
            }

            // A module's tree line and go.mod line name the same version: share the string.
            var version = previousVersion is not null && versionSpan.SequenceEqual(previousVersion) ? previousVersion : versionSpan.ToString();
            previousVersion = version;
            entries.Add(new GoSumEntry(path, version, isGoMod, hash, lineNo));
        }

        return new GoSumFile(fileName, entries);
    }

    /// <summary>Splits a line at spaces and tabs into at most <c>fields.Length</c> ranges; returns the field count (capped).</summary>
    private static int Split(ReadOnlySpan<char> line, Span<Range> fields)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var begin = i;
            while (i < line.Length && line[i] is not (' ' or '\t'))
            {
                i++;
            }

            if (count < fields.Length)
            {
                fields[count] = begin..i;
            }

            count++;
        }

        return count;
    }

    private static bool IsValidHash(ReadOnlySpan<char> hash)
    {
        var colon = hash.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = hash[..colon];
        if (!algorithm.SequenceEqual("h1"))
        {
            // Future hash algorithms are accepted as Go does: it ignores what it cannot check.
            foreach (var c in algorithm)
            {
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64Chars(hash[(colon + 1)..], buffer, out var n) && n == 32;
    }
}
