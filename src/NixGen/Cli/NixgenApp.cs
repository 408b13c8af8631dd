using System.CommandLine;
using NixGen.Cli.Commands;
using NixGen.Config;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Processes;
using NixGen.Rendering;

namespace NixGen.Cli;

/// <summary>The <c>nixgen</c> command line over a <see cref="CliHost"/>: the process runs it, and so do the tests, in-process.</summary>
internal static class NixgenApp
{
    public const string Help =
        "nixgen: turns a Go monorepo into a reproducible Nix flake with correct vendorHashes.\n\nExamples:\n" +
        "  nixgen init                 first run in a repository\n" +
        "  nixgen update --explain     after `go get`: re-hash what changed and say why\n" +
        "  nixgen check                in CI: exit 1 with a diff when flake.nix or a hash is stale";

    public static RootCommand Root(CliHost host)
    {
        var root = new RootCommand(Help)
        {
            GlobalOptions.Repo, GlobalOptions.Jobs, GlobalOptions.Quiet, GlobalOptions.Verbose, GlobalOptions.NoColor,
        };
        root.Subcommands.Add(new InitCommand(host).Create());
        root.Subcommands.Add(new UpdateCommand(host).Create());
        root.Subcommands.Add(new CheckCommand(host).Create());
        root.Subcommands.Add(new HashCommand(host).Create());
        root.Subcommands.Add(new InspectCommand(host).Create());
        var affected = new AffectedCommand(host);
        root.Subcommands.Add(affected.Create());
        root.Subcommands.Add(new AffectedCommand(host).CreateExplain());
        root.Subcommands.Add(new SbomCommand(host).Create());
        root.Subcommands.Add(new CompletionCommand(host).Create());
        return root;
    }

    /// <summary>Parses and runs one command line; usage errors are exit 2, never confused with "stale" (exit 1).</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        var root = Root(host);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await host.Error.WriteLineAsync("nixgen: " + error.Message).ConfigureAwait(false);
            }

            var name = parse.CommandResult.Command == root ? "nixgen" : "nixgen " + parse.CommandResult.Command.Name;
            await host.Error.WriteLineAsync($"Run `{name} --help` for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await host.Error.WriteLineAsync("nixgen: cancelled; no file was changed").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            // Outside a command's Guard (option parsing, completion): still one line, never System.CommandLine's exit 1.
            await host.Error.WriteLineAsync(InternalError(e)).ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Runs a command body, turning expected failures into one message and an exit code.</summary>
    public static async Task<int> Guard(CliHost host, ParseResult parse, Func<Context, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        try
        {
            return await body(GlobalOptions.Resolve(parse, host), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync("nixgen: cancelled; no file was changed").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is GoModParseException or RepoException or ConfigException or TemplateException or Trust.UnsafePathException or ToolSettingException)
        {
            await host.Error.WriteLineAsync("nixgen: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (ToolException e)
        {
            await host.Error.WriteLineAsync("nixgen: " + e.Message).ConfigureAwait(false);
            return ExitCodes.ToolFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync("nixgen: " + e.Message).ConfigureAwait(false);
            return ExitCodes.IoFailed;
        }
        catch (Exception e)
        {
            // A bug of nixgen's: one line that says so (never exit 1, which means "stale"); the stack trace with -v.
            await host.Error.WriteLineAsync(InternalError(e)).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Verbose))
            {
                await host.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.InternalError;
        }
    }

    /// <summary>The one line an unexpected exception is reported with.</summary>
    public static string InternalError(Exception e)
    {
        // Where in nixgen it happened: the innermost frame of nixgen's own code.
        var frame = new System.Diagnostics.StackTrace(e).GetFrames()
            .Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("NixGen", StringComparison.Ordinal) == true);
        var site = frame is { } m ? $" in {m.DeclaringType!.Name}.{m.Name}" : "";
        var message = e.Message.ReplaceLineEndings(" ");
        return $"nixgen: internal error{site}: {e.GetType().Name}: {message} (a bug in nixgen: please report it with the command line; -v shows the stack trace)";
    }
}
