using System.Runtime.CompilerServices;

namespace NixGen.Tests.Support;

/// <summary>
/// Every process a test starts through nixgen (its ToolRunner: go, nix, git) has the limit of the processes tests start
/// themselves (<see cref="Tools.Limit"/>), not nixgen's default of an hour: NIXGEN_TIMEOUT is set for the test process
/// (and so for the nixgen processes it starts) unless the caller set it, and <see cref="InProcessCli"/> passes it on.
/// </summary>
internal static class ProcessLimits
{
    public static string Seconds => ((int)Tools.Limit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

#pragma warning disable CA2255 // The test assembly's own start-up: its processes are limited before any test runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void LimitNixgensProcesses()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NIXGEN_TIMEOUT")))
        {
            Environment.SetEnvironmentVariable("NIXGEN_TIMEOUT", Seconds);
        }
    }
}
