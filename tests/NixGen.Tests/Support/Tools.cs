using System.Diagnostics;

namespace NixGen.Tests.Support;

/// <summary>Runs real go and nix for integration tests.</summary>
public static class Tools
{
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

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
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
