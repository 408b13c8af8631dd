using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NixGen.Bench;

/// <summary>A finished process: exit code, output, wall time, and nixgen's own stats when it wrote them.</summary>
public sealed record ProcResult(int Exit, string Out, string Err, TimeSpan Elapsed, JsonObject? Stats)
{
    public int ProcessesStarted => (int?)Stats?["processesStarted"] ?? -1;

    public long PeakBytes => (long?)Stats?["peakWorkingSetBytes"] ?? 0;

    public ProcResult Check(string what) =>
        Exit == 0 ? this : throw new InvalidOperationException($"{what} failed (exit {Exit}):\n{Err}\n{Out}");
}

public static class Proc
{
    public static ProcResult Run(string file, IEnumerable<string> args, string workDir, IReadOnlyDictionary<string, string?>? env = null)
    {
        var statsFile = Path.Combine(Path.GetTempPath(), $"nixgen-stats-{Guid.NewGuid():N}.json");
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            psi.Environment[k] = v;
        }

        psi.Environment["NIXGEN_STATS_FILE"] = statsFile;
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        clock.Stop();
        JsonObject? stats = null;
        if (File.Exists(statsFile))
        {
            stats = JsonNode.Parse(File.ReadAllText(statsFile))?.AsObject();
            File.Delete(statsFile);
        }

        return new ProcResult(p.ExitCode, stdout.Result, stderr.Result, clock.Elapsed, stats);
    }
}
