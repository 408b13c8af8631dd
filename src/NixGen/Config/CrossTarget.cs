namespace NixGen.Config;

/// <summary>A cross-compilation target, <c>linux/arm64</c>.</summary>
internal sealed record CrossTarget(string GoOs, string GoArch)
{
    public override string ToString() => $"{GoOs}/{GoArch}";
}
