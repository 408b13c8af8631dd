using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>
/// Services that need modules GOPRIVATE names: the vendor derivation fetches through the GOPROXY its builder sees
/// (proxy.golang.org by default), which cannot serve them, so `nix build` fails even where `nixgen` succeeded.
/// </summary>
internal static class PrivateModules
{
    public static IEnumerable<string> Warnings(Repository repo, string? goprivate)
    {
        var patterns = (goprivate ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (patterns.Length == 0)
        {
            yield break;
        }

        foreach (var s in repo.Services)
        {
            var replaced = s.Module.Mod.EffectiveReplaces.Select(r => r.OldPath).ToHashSet(StringComparer.Ordinal);
            var hits = ChangeExplainer.ModulesOf(s.Module.Sum).Keys.Where(m => !replaced.Contains(m) && patterns.Any(p => MatchesPrefix(p, m))).Order(StringComparer.Ordinal).ToList();
            if (hits.Count > 0 && !s.Module.HasVendorDir)
            {
                yield return $"{s.Name} needs {string.Join(", ", hits.Take(3))}{(hits.Count > 3 ? ", …" : "")}, which GOPRIVATE names: the vendor derivation " +
                    "fetches through the GOPROXY of the Nix builder (proxy.golang.org unless the daemon's environment says otherwise) and cannot " +
                    "reach it. Serve it from a proxy the builder can reach (GOPROXY in the nix-daemon's environment, with netrc), or commit vendor/ for this service";
            }
        }
    }

    /// <summary>Go's module.MatchPrefixPatterns: a glob that matches the path or one of its leading elements.</summary>
    internal static bool MatchesPrefix(string pattern, string path)
    {
        var want = pattern.Trim('/').Split('/');
        var have = path.Split('/');
        return have.Length >= want.Length && want.Zip(have).All(p => Glob(p.First, p.Second));
    }

    private static bool Glob(string pattern, string text)
    {
        if (pattern.Length == 0)
        {
            return text.Length == 0;
        }

        if (pattern[0] == '*')
        {
            return Enumerable.Range(0, text.Length + 1).Any(i => Glob(pattern[1..], text[i..]));
        }

        return text.Length > 0 && (pattern[0] == '?' || pattern[0] == text[0]) && Glob(pattern[1..], text[1..]);
    }
}
