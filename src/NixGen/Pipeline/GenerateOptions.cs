namespace NixGen.Pipeline;

/// <summary>Knobs of one run.</summary>
/// <param name="Output">For a first run: the output mode of the nixgen.yaml it writes (init's choice).</param>
internal sealed record GenerateOptions(int Jobs = 0, bool Force = false, bool Verify = false, string? Strategy = null, string? Ci = null, Config.OutputMode? Output = null)
{
    /// <summary>Make the SBOM data even when nixgen.yaml does not ask for it (<c>nixgen sbom</c>).</summary>
    public bool Sbom { get; init; }

    public int EffectiveJobs => Jobs > 0 ? Jobs : Math.Max(1, Environment.ProcessorCount);
}
