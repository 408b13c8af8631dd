using NixGen.Cli;

namespace NixGen.Tests.Support;

/// <summary>
/// Runs nixgen's command line in this process, with its own output, variables and working directory. Hermetic: nixgen
/// sees the variables the test gives and, of the test runner's own, only <see cref="Inherited"/> (where the tools are
/// and where home is), so a developer's GOPROXY, GOFLAGS, XDG_CACHE_HOME or NIXGEN_GO never changes a result.
/// </summary>
public static class InProcessCli
{
    /// <summary>The runner's variables a run sees unless the test sets them.</summary>
    public static readonly IReadOnlyList<string> Inherited = ["PATH", "HOME", "TMPDIR"];

    public static async Task<NixgenRun> RunAsync(string workDir, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // CI is unset unless the test sets it (a check in CI trusts less of the repository).
        var variables = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>()) { ["NO_COLOR"] = "1" };
        variables.TryAdd("CI", null);
        // Every process nixgen starts for a test stops within the limit of the processes tests start (Tools.Limit).
        variables.TryAdd("NIXGEN_TIMEOUT", ProcessLimits.Seconds);
        string? Variable(string name) =>
            variables.TryGetValue(name, out var v) ? v : Inherited.Contains(name) ? Environment.GetEnvironmentVariable(name) : null;
        var host = new CliHost(output, error, Variable, workDir);
        var exit = await NixgenApp.RunAsync(args, host, CancellationToken.None);
        return new NixgenRun(exit, output.ToString(), error.ToString(), null);
    }
}
