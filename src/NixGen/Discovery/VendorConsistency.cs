using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>
/// Go's check that a committed <c>vendor/modules.txt</c> agrees with go.mod (cmd/go's checkVendorConsistency): with
/// <c>vendorHash = null</c> buildGoModule builds from that vendor/ with <c>-mod=vendor</c>, and Go refuses a stale one
/// with "inconsistent vendoring". nixgen says so before the user's CI does.
/// </summary>
internal static class VendorConsistency
{
    private sealed record Entry(string Path, string Version, string? Replacement, int Line)
    {
        public bool Explicit { get; set; }
    }

    /// <summary>Throws <see cref="RepoException"/> naming vendor/modules.txt and the fix when it disagrees with go.mod.</summary>
    public static void Check(RepoView view, GoModule module)
    {
        if (!module.HasVendorDir)
        {
            return;
        }

        var prefix = module.Dir == "." ? "" : module.Dir + "/";
        var file = prefix + "vendor/modules.txt";
        var (entries, wildcards) = Parse(File.ReadAllLines(view.FullPath(file)));
        var problems = new List<(int Line, string Text)>();
        var byVersion = entries.GroupBy(e => (e.Path, e.Version)).ToDictionary(g => g.Key, g => g.First());
        var mod = module.Mod;

        foreach (var r in mod.Requires)
        {
            if (!byVersion.TryGetValue((r.Path, r.Version), out var e) || !e.Explicit)
            {
                problems.Add((e?.Line ?? 1, $"{r.Path}@{r.Version}: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt"));
            }
        }

        var required = mod.Requires.Select(r => (r.Path, r.Version)).ToHashSet();
        foreach (var e in entries.Where(e => e.Explicit && !required.Contains((e.Path, e.Version))))
        {
            problems.Add((e.Line, $"{e.Path}@{e.Version}: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod"));
        }

        var replaces = mod.EffectiveReplaces;
        foreach (var e in entries)
        {
            var r = replaces.FirstOrDefault(r => r.OldPath == e.Path && r.OldVersion == e.Version)
                ?? replaces.FirstOrDefault(r => r.OldPath == e.Path && r.OldVersion.Length == 0);
            var want = r is null ? null : r.NewVersion.Length == 0 ? r.NewPath : r.NewPath + " " + r.NewVersion;
            if (want != e.Replacement)
            {
                problems.Add((e.Line, want is null
                    ? $"{e.Path}@{e.Version}: is marked as replaced in vendor/modules.txt, but not replaced in go.mod"
                    : e.Replacement is null
                        ? $"{e.Path}@{e.Version}: is replaced in go.mod, but not marked as replaced in vendor/modules.txt"
                        : $"{e.Path}@{e.Version}: is replaced by {want} in go.mod, but marked as replaced by {e.Replacement} in vendor/modules.txt"));
            }
        }

        foreach (var (path, (replacement, line)) in wildcards)
        {
            var r = replaces.FirstOrDefault(r => r.OldPath == path && r.OldVersion.Length == 0);
            if (r is null)
            {
                problems.Add((line, $"{path}: is marked as replaced in vendor/modules.txt, but not replaced in go.mod"));
            }
        }

        if (problems.Count > 0)
        {
            var first = problems.OrderBy(p => p.Line).First();
            var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
            throw new RepoException(file, new Position(first.Line, 1, 0),
                $"inconsistent with {prefix}go.mod: {first.Text}{more}; buildGoModule builds from the committed vendor/ and would fail " +
                $"with \"inconsistent vendoring\": run `go mod vendor` in {module.Dir} and commit vendor/");
        }
    }

    private static (List<Entry> Entries, Dictionary<string, (string, int)> Wildcards) Parse(string[] lines)
    {
        var entries = new List<Entry>();
        var wildcards = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        Entry? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null && line[3..].Split(';').Any(a => a.Trim() == "explicit"))
                {
                    current.Explicit = true;
                }

                continue;
            }

            if (!line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 3 && f[1] == "=>")
            {
                // "# old => new [version]": a replacement of every version, listed because go.mod has it.
                wildcards[f[0]] = (string.Join(' ', f[2..]), i + 1);
                current = null;
                continue;
            }

            if (f.Length < 2)
            {
                current = null;
                continue;
            }

            var arrow = Array.IndexOf(f, "=>");
            current = new Entry(f[0], f[1], arrow >= 0 && arrow + 1 < f.Length ? string.Join(' ', f[(arrow + 1)..]) : null, i + 1);
            entries.Add(current);
        }

        return (entries, wildcards);
    }
}
