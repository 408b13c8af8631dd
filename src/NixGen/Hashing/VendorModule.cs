namespace NixGen.Hashing;

/// <summary>A module line of <c>vendor/modules.txt</c>: <c># path version [=> replacement [version]]</c>.</summary>
internal sealed record VendorModule(string Path, string Version, string? Replacement)
{
    public bool IsLocal => Replacement is not null && GoModules.ModulePaths.IsDirectoryPath(Replacement);

    public static IReadOnlyList<VendorModule> Read(string modulesTxt)
    {
        if (!File.Exists(modulesTxt))
        {
            return [];
        }

        var result = new List<VendorModule>();
        foreach (var line in File.ReadLines(modulesTxt))
        {
            if (!line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var arrow = Array.IndexOf(f, "=>");
            var replacement = arrow >= 0 && arrow + 1 < f.Length ? f[arrow + 1] : null;
            result.Add(new VendorModule(f[0], f.Length > 1 && f[1] != "=>" ? f[1] : "", replacement));
        }

        return result;
    }
}
