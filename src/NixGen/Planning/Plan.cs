namespace NixGen.Planning;

/// <summary>The plan of a run: one record per service, and what every service's fingerprint was computed with.</summary>
/// <param name="VendoringGo">The Go that vendors (the local go's series, or the flake's Go under the nix strategy).</param>
/// <param name="LocalGo">The local go's release (<c>go1.23.5</c>), or <c>unknown</c>.</param>
/// <param name="Trees">File digests of every local replace target (kept in the lock to explain changes file by file).</param>
/// <param name="Removed">Services nixgen.lock holds that no longer exist.</param>
internal sealed record Plan(
    IReadOnlyList<ServicePlan> Services,
    string Strategy,
    string VendoringGo,
    string LocalGo,
    IReadOnlyDictionary<string, SortedDictionary<string, string>> Trees,
    IReadOnlyList<string> Removed)
{
    public IEnumerable<ServicePlan> ToHash => Services.Where(s => s.Action == PlanAction.Hash);
}
