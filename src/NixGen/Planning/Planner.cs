using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>Compares every service's fingerprint with nixgen.lock and decides what to hash again, and why.</summary>
/// <param name="localGo">The local go's release, read from its GOROOT/VERSION (<c>unknown</c> when there is no go).</param>
internal sealed class Planner(string localGo)
{
    /// <param name="nixGoIdentity">What vendors under the nix strategy (the flake's Go and nixpkgs pin).</param>
    /// <param name="modules">Which services are in modules mode (their fingerprint says so); none when not given.</param>
    public Plan Plan(Repository repo, LockFile lockFile, string strategy, bool force, string nixGoIdentity, ModulesMode? modules = null)
    {
        // The lock keys a hash on the Go vendoring format, not the series: Go 1.21 to 1.26 vendor the same trees.
        var vendoringGo = strategy == "nix" ? nixGoIdentity : GoToolchain.VendorFormatOf(localGo);
        var trees = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var s in repo.Services.Where(s => Fingerprint.KindOf(s, modules?.IsOn(s) ?? false) == HashInputs.VendorTree))
        {
            foreach (var r in s.LocalReplaces.Where(r => !trees.ContainsKey(r.TargetDir)))
            {
                trees[r.TargetDir] = Fingerprint.TreeFiles(repo, s.Source, r.TargetDir);
            }
        }

        var services = repo.Services.Select(s => PlanService(repo, s, lockFile, vendoringGo, strategy, force, trees, modules?.IsOn(s) ?? false)).ToList();
        var removed = lockFile.Services.Keys.Where(k => repo.Services.All(s => s.Name != k)).Order(StringComparer.Ordinal).ToList();
        return new Plan(services, strategy, vendoringGo, localGo, trees, removed);
    }

    private static ServicePlan PlanService(
        Repository repo, Service s, LockFile lockFile, string vendoringGo, string strategy, bool force, SortedDictionary<string, SortedDictionary<string, string>> trees,
        bool modulesMode)
    {
        var fingerprint = Fingerprint.Of(repo, s, vendoringGo, strategy, trees, modulesMode);
        var modules = ChangeExplainer.ModulesOf(s.Module.Sum);
        lockFile.Services.TryGetValue(s.Name, out var old);
        if (old is not null && fingerprint.ContainsKey("go") && old.Fingerprint.TryGetValue("go", out var oldGo)
            && (vendoringGo == "unknown" || (oldGo != vendoringGo && GoToolchain.VendorFormatOf(oldGo) == vendoringGo)))
        {
            // A lock written by a Go of the same vendoring format (go1.23.4, go1.25 in an older lock) keeps what it says:
            // that Go vendors the same tree, so the lock stays byte-stable across developers. With no go on PATH (a CI
            // job that only runs `nixgen check`) which Go vendored cannot change what is locked, so the other inputs
            // decide; a service that does need hashing still fails clearly.
            fingerprint["go"] = oldGo;
        }

        IReadOnlyList<string> reasons = force ? ["--force"] : ChangeExplainer.Explain(old, fingerprint, modules, lockFile.Trees, trees);
        if (old is not null && old.Dir != s.Module.Dir && reasons.Count == 0)
        {
            reasons = [$"moved from {old.Dir}"];
        }

        return new ServicePlan(s, fingerprint, modules, old, reasons);
    }
}
