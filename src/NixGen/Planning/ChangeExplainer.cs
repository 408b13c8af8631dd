using NixGen.GoModules;

namespace NixGen.Planning;

/// <summary>Says, in a user's words, why a service must be re-hashed.</summary>
internal static class ChangeExplainer
{
    public static IReadOnlyList<string> Explain(
        LockedService? old,
        IReadOnlyDictionary<string, string> fingerprint,
        IReadOnlyDictionary<string, string> modules,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? oldTrees = null,
        IReadOnlyDictionary<string, SortedDictionary<string, string>>? newTrees = null)
    {
        if (old is null)
        {
            return ["new service (not in nixgen.lock)"];
        }

        var reasons = new List<string>();
        var vendorTree = fingerprint.ContainsKey("imports");
        foreach (var key in old.Fingerprint.Keys.Union(fingerprint.Keys).Order(StringComparer.Ordinal))
        {
            old.Fingerprint.TryGetValue(key, out var before);
            fingerprint.TryGetValue(key, out var after);
            if (before == after || (after is null && key != "mode" && (!vendorTree || !key.StartsWith("replace:", StringComparison.Ordinal))))
            {
                // An input the service's hashes no longer depend on (a modules-mode service's imports or Go) is no reason.
                continue;
            }

            if (key == "go.sum")
            {
                var moduleChanges = ModuleChanges(old.Modules, modules).ToList();
                reasons.Add(moduleChanges.Count == 0 ? "go.sum changed" : "go.sum changed: " + string.Join(", ", moduleChanges));
            }
            else if (key.StartsWith("replace:", StringComparison.Ordinal))
            {
                var dir = key["replace:".Length..];
                reasons.Add(before is null ? $"new local replace {dir}" : after is null ? $"local replace {dir} removed" : $"local replace {dir} changed{FileChanges(dir, oldTrees, newTrees)}");
            }
            else
            {
                reasons.Add(key switch
                {
                    "go" => $"Go vendoring format {before} -> {after}",
                    "imports" => "the service's imports changed",
                    "strategy" => $"hashing strategy {before} -> {after}",
                    "mode" => after == "modules" ? "hashing mode vendor -> modules" : "hashing mode modules -> vendor",
                    "vendor" => after == "committed" ? "vendor/ is now committed" : "vendor/ is no longer committed",
                    _ => $"{key} changed",
                });
            }
        }

        return reasons;
    }

    /// <summary>" (3 files: a.go, +b.go, -c.go)" when both listings are known, else "".</summary>
    private static string FileChanges(
        string dir, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? oldTrees, IReadOnlyDictionary<string, SortedDictionary<string, string>>? newTrees)
    {
        if (oldTrees is null || newTrees is null || !oldTrees.TryGetValue(dir, out var before) || !newTrees.TryGetValue(dir, out var after))
        {
            return "";
        }

        var changed = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(f => !before.TryGetValue(f, out var b) || !after.TryGetValue(f, out var a) || a != b)
            .Select(f => before.ContainsKey(f) ? after.ContainsKey(f) ? f : "-" + f : "+" + f)
            .ToList();
        if (changed.Count == 0)
        {
            return "";
        }

        var shown = string.Join(", ", changed.Take(5)) + (changed.Count > 5 ? ", …" : "");
        return $" ({changed.Count} file{(changed.Count == 1 ? "" : "s")}: {shown})";
    }

    private static IEnumerable<string> ModuleChanges(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(path, out var b);
            after.TryGetValue(path, out var a);
            if (a == b)
            {
                continue;
            }

            yield return (b, a) switch
            {
                (null, _) => $"{path} {a} added",
                (_, null) => $"{path} {b} removed",
                _ => $"{path} {b} -> {a}",
            };
        }
    }

    /// <summary>The newest version of each module in a go.sum, the versions a bump moves.</summary>
    public static IReadOnlyDictionary<string, string> ModulesOf(GoSumFile? sum) =>
        sum is null
            ? new Dictionary<string, string>()
            : sum.ModuleVersions().ToDictionary(p => p.Key, p => p.Value.Aggregate((x, y) => GoVersions.Compare(x, y) >= 0 ? x : y), StringComparer.Ordinal);
}
