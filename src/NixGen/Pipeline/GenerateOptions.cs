namespace NixGen.Pipeline;

/// <summary>Knobs of one run.</summary>
internal sealed record GenerateOptions(int Jobs = 0, bool Force = false, bool Verify = false, string? Strategy = null, string? Ci = null)
{
    public int EffectiveJobs => Jobs > 0 ? Jobs : Math.Max(1, Environment.ProcessorCount);
}
