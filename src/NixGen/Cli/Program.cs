using System.CommandLine;
using NixGen.Config;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Processes;
using NixGen.Rendering;

namespace NixGen.Cli;

/// <summary>The <c>nixgen</c> command line: a thin shell over the pipeline.</summary>
public static partial class Program
{
    private static readonly Option<string> RepoOption = new("--repo") { Description = "Repository root (default: the nearest directory with nixgen.yaml, else the git work tree's top, else the current directory)", Recursive = true, DefaultValueFactory = _ => "." };
    private static readonly Option<int> JobsOption = new("--jobs", "-j") { Description = "Services hashed in parallel (default: number of cores)", Recursive = true };
    private static readonly Option<bool> QuietOption = new("--quiet", "-q") { Description = "Print only errors and the result", Recursive = true };
    private static readonly Option<bool> VerboseOption = new("--verbose", "-v") { Description = "Show every go/nix command run", Recursive = true };
    private static readonly Option<bool> NoColorOption = new("--no-color") { Description = "No ANSI colours (also when NO_COLOR is set or output is redirected)", Recursive = true };

    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("nixgen: turns a Go monorepo into a reproducible Nix flake with correct vendorHashes.\n\nExamples:\n  nixgen init                 first run in a repository\n  nixgen update --explain     after `go get`: re-hash what changed and say why\n  nixgen check                in CI: exit 1 with a diff when flake.nix or a hash is stale")
        {
            RepoOption, JobsOption, QuietOption, VerboseOption, NoColorOption,
        };
        root.Subcommands.Add(InitCommand());
        root.Subcommands.Add(UpdateCommand());
        root.Subcommands.Add(CheckCommand());
        root.Subcommands.Add(HashCommand());
        root.Subcommands.Add(InspectCommand());
        root.Subcommands.Add(CompletionCommand());
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exit = ExitCodes.Cancelled;
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // Usage errors are bad input (exit 2), never confused with "stale" (exit 1).
                foreach (var error in parse.Errors)
                {
                    await Console.Error.WriteLineAsync("nixgen: " + error.Message).ConfigureAwait(false);
                }

                var name = parse.CommandResult.Command == root ? "nixgen" : "nixgen " + parse.CommandResult.Command.Name;
                await Console.Error.WriteLineAsync($"Run `{name} --help` for usage.").ConfigureAwait(false);
                exit = ExitCodes.InvalidInput;
            }
            else
            {
                exit = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("nixgen: cancelled; no file was changed").ConfigureAwait(false);
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
        File.WriteAllText(path, stats.ToJsonString() + "\n");
    }

    private static Context ContextOf(ParseResult parse) => new(
        RepoRoot(parse),
        parse.GetValue(JobsOption),
        parse.GetValue(QuietOption),
        parse.GetValue(VerboseOption),
        !parse.GetValue(NoColorOption) && Environment.GetEnvironmentVariable("NO_COLOR") is null or "" && !Console.IsErrorRedirected);

    /// <summary>
    /// The repository: <c>--repo</c> as given, else found the way git finds its work tree, from the current directory
    /// up: the nearest directory with a nixgen.yaml, else the top of the git work tree, else the current directory.
    /// Says so when that is not the current directory.
    /// </summary>
    private static string RepoRoot(ParseResult parse)
    {
        if (parse.GetResult(RepoOption) is { Implicit: false })
        {
            return Path.GetFullPath(parse.GetValue(RepoOption) ?? ".");
        }

        var cwd = Directory.GetCurrentDirectory();
        var (root, why) = FindRoot(cwd);
        if (root != cwd && !parse.GetValue(QuietOption))
        {
            Console.Error.WriteLine($"nixgen: repository root {root} ({why})");
        }

        return root;
    }

    public static (string Root, string Why) FindRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, Pipeline.Generator.ConfigFile)))
            {
                return (d.FullName, "the nearest directory with " + Pipeline.Generator.ConfigFile);
            }
        }

        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            var git = Path.Combine(d.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return (d.FullName, "the top of the git work tree");
            }
        }

        return (start, "the current directory");
    }

    /// <summary>Runs a command body, turning expected failures into one message and an exit code.</summary>
    private static async Task<int> Guard(ParseResult parse, Func<Context, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var context = ContextOf(parse);
        try
        {
            return await body(context, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("nixgen: cancelled; no file was changed").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is GoModParseException or RepoException or ConfigException or TemplateException)
        {
            await Console.Error.WriteLineAsync("nixgen: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (ToolException e)
        {
            await Console.Error.WriteLineAsync("nixgen: " + e.Message).ConfigureAwait(false);
            return ExitCodes.ToolFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("nixgen: " + e.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
    }
}

/// <summary>Global options of one invocation.</summary>
public sealed record Context(string Repo, int Jobs, bool Quiet, bool Verbose, bool Color);
