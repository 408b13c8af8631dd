using NixGen.Processes;

namespace NixGen.Cli;

/// <summary>The <c>nixgen</c> process: the command line on the real console, Ctrl-C as cancellation.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        // SIGTERM (timeout, Docker, systemd) is handled like Ctrl-C: children stopped, scratch removed, files left alone.
        var terminated = false;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminated = true;
            cts.Cancel();
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exit = await NixgenApp.RunAsync(args, CliHost.FromProcess(), cts.Token).ConfigureAwait(false);
        if (terminated && exit == ExitCodes.Cancelled)
        {
            exit = ExitCodes.Terminated;
        }

        WriteStats(clock.Elapsed, exit);
        return exit;
    }

    /// <summary>
    /// For benchmarks and scripts: when NIXGEN_STATS_FILE is set, writes the run's exit code, wall time, peak memory
    /// and the number of go/nix processes it started to that file as JSON.
    /// </summary>
    private static void WriteStats(TimeSpan elapsed, int exit)
    {
        var path = Environment.GetEnvironmentVariable("NIXGEN_STATS_FILE");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var stats = new System.Text.Json.Nodes.JsonObject
        {
            ["exitCode"] = exit,
            ["elapsedMs"] = Math.Round(elapsed.TotalMilliseconds, 1),
            ["peakWorkingSetBytes"] = self.PeakWorkingSet64,
            ["processesStarted"] = ToolRunner.TotalStarted,
        };
        File.WriteAllText(path, Json.JsonText.Line(stats) + "\n");
    }
}
