using System.CommandLine;
using NixGen.Output;
using NixGen.Pipeline;

namespace NixGen.Cli.Commands;

/// <summary><c>nixgen update</c>: after a bump, re-hash only what changed and regenerate.</summary>
internal sealed class UpdateCommand(CliHost host)
{
    private readonly Option<bool> _force = CommonOptions.Force();
    private readonly Option<bool> _verify = CommonOptions.Verify();
    private readonly Option<string?> _strategy = CommonOptions.Strategy();
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Show the diff, write nothing" };
    private readonly Option<bool> _explain = new("--explain") { Description = "Say why each service was re-hashed (or not)" };

    public Command Create()
    {
        var command = new Command("update", "After a dependency bump: re-hash only the services whose inputs changed and regenerate.\n\nExample:\n  go get golang.org/x/text@v0.15.0 && nixgen update --explain")
        {
            _force, _verify, _strategy, _dryRun, _explain,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, ct) => RunAsync(p, c, ct), ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult p, Context c, CancellationToken ct)
    {
        using var repoLock = await RepoLock.AcquireAsync(c.Repo, host.Variable, host.Error, ct).ConfigureAwait(false);
        var force = p.GetValue(_force);
        var runner = Runs.NewRunner(host, c);
        var result = await Runs.GenerateAsync(host, c, runner, new GenerateOptions(c.Jobs, force, p.GetValue(_verify), p.GetValue(_strategy)), ct).ConfigureAwait(false);
        if (p.GetValue(_dryRun))
        {
            var diff = Staleness.Diff(c.Repo, result.Files, result.ObsoleteFiles);
            await host.Out.WriteAsync(diff.Length == 0 ? "nixgen: everything is current\n" : diff).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (Runs.HandWritten(c.Repo, result.Files, force) is { } refusal)
        {
            await host.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var written = FileWriter.WriteAll(c.Repo, result.Files, result.ObsoleteFiles);
        SummaryPrinter.Print(host, result, written, c, p.GetValue(_explain));
        return ExitCodes.Success;
    }
}
