namespace NixGen.Pipeline;

/// <summary>The files a run produces (path relative to the repository → content) and its report.</summary>
/// <param name="Obsolete">Files nixgen generated earlier but no longer produces (CI turned off, say): to remove.</param>
internal sealed record GenerationResult(
    IReadOnlyDictionary<string, string> Files, IReadOnlyList<ServiceReport> Services, IReadOnlyList<string> Warnings, int ProcessesStarted, IReadOnlyList<string>? Obsolete = null)
{
    public IReadOnlyList<string> ObsoleteFiles => Obsolete ?? [];

    /// <summary>What nixgen decided from the code and says once (cgo detected, say).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Services nixgen.lock held that no longer exist (dropped from the lock).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>The SBOM data (nix/go-sbom.json's content) when the run made it: <c>sbom: true</c> or <see cref="GenerateOptions.Sbom"/>.</summary>
    public System.Text.Json.Nodes.JsonObject? Sbom { get; init; }
}
