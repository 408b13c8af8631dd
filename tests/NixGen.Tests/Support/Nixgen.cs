using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NixGen.Tests.Support;

/// <summary>What one nixgen process did.</summary>
public sealed record NixgenRun(int Exit, string Out, string Err, JsonObject? Stats)
{
    public int ProcessesStarted => (int?)Stats?["processesStarted"] ?? -1;

    public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs the built nixgen as a separate process, with a controlled environment.</summary>
public static class Nixgen
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "nixgen.dll");

    public static ProcessStartInfo StartInfo(string workDir, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove("CI");
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        return psi;
    }

    public static NixgenRun Run(string workDir, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var stats = Path.Combine(Path.GetTempPath(), $"nixgen-test-stats-{Guid.NewGuid():N}.json");
        var merged = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>()) { ["NIXGEN_STATS_FILE"] = stats };
        using var p = Tools.Start(StartInfo(workDir, merged, args), TimeSpan.FromMinutes(3));
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"nixgen {string.Join(' ', args)} did not finish");
        }

        JsonObject? json = null;
        if (File.Exists(stats))
        {
            json = JsonNode.Parse(File.ReadAllText(stats))?.AsObject();
            File.Delete(stats);
        }

        return new NixgenRun(p.ExitCode, stdout.Result, stderr.Result, json);
    }

    /// <summary>An environment for the example repository copied to <paramref name="scratch"/>/repo.</summary>
    public static Dictionary<string, string?> ExampleEnv(string scratch) => new()
    {
        ["GOPROXY"] = "file://" + Path.Combine(scratch, "repo", "third_party", "goproxy"),
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache"),
        ["GOMODCACHE"] = null,
        ["NIXGEN_SCRATCH"] = Path.Combine(scratch, "tmp"),
    };
}
