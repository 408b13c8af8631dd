using NixGen.Cli;

namespace NixGen.Tests.Support;

/// <summary>Runs nixgen's command line in this process, with its own output, variables and working directory.</summary>
public static class InProcessCli
{
    public static async Task<NixgenRun> RunAsync(string workDir, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // CI is unset unless the test sets it (a check in CI trusts less of the repository).
        var variables = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>()) { ["NO_COLOR"] = "1" };
        variables.TryAdd("CI", null);
        string? Variable(string name) => variables.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);
        var host = new CliHost(output, error, Variable, workDir);
        var exit = await NixgenApp.RunAsync(args, host, CancellationToken.None);
        return new NixgenRun(exit, output.ToString(), error.ToString(), null);
    }
}
