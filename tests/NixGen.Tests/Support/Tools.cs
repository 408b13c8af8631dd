using System.Diagnostics;

namespace NixGen.Tests.Support;

/// <summary>Runs real go and nix for integration tests.</summary>
public static class Tools
{
    /// <summary>How long a tool a test runs (go, nix, git, npm…) may take: generous, but finite.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static (int Exit, string Out, string Err) Run(string file, string workDir, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Start(psi);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // A hanging tool fails its test instead of the whole run (every process a test starts has a limit).
        if (!p.WaitForExit(Limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran longer than {Limit.TotalMinutes} minutes");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts a process a test drives itself (signals, stdin, its exit): the one place tests start processes
    /// (TierSpecs checks). Whatever the test does, the process and its children are killed once it has run
    /// <paramref name="limit"/> (<see cref="Limit"/> unless less is given).
    /// </summary>
    public static Process Start(ProcessStartInfo psi, TimeSpan? limit = null)
    {
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"{psi.FileName} did not start");
        _ = Task.Delay(limit ?? Limit).ContinueWith(_ =>
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Disposed or never started: nothing left to stop.
            }
        }, TaskScheduler.Default);
        return p;
    }

    public static string NixHashPath(string path)
    {
        var (exit, stdout, stderr) = Run("nix", Path.GetTempPath(), null, "--extra-experimental-features", "nix-command", "hash", "path", path);
        Assert.True(exit == 0, stderr);
        return stdout.Trim();
    }

    public static void AssertNixParses(string nixFile)
    {
        var (exit, _, stderr) = Run("nix-instantiate", Path.GetTempPath(), null, "--parse", nixFile);
        Assert.True(exit == 0, $"nix-instantiate --parse {nixFile} failed:\n{stderr}");
    }
}
