using System.Text;
using CliWrap;
using CliWrap.Builders;

namespace NixGen.Processes;

/// <summary>
/// Runs <c>go</c>, <c>nix</c> and <c>git</c> through CliWrap: arguments built, never concatenated; environment set
/// explicitly; stderr captured; cancellation kills the child, and so does a run longer than <see cref="Timeout"/>.
/// </summary>
/// <param name="variable">Where NIXGEN_GO / NIXGEN_NIX, NIXGEN_TIMEOUT and PATH are read (the process environment unless given).</param>
internal sealed class ToolRunner(Action<string>? log = null, IReadOnlyDictionary<string, string>? tools = null, Func<string, string?>? variable = null)
{
    private readonly Func<string, string?> _variable = variable ?? Environment.GetEnvironmentVariable;

    private static int s_totalStarted;
    private int _started;

    /// <summary>The default limit on one go/nix/git run: generous (a cold module download of a large monorepo), but not forever.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    /// <summary>How long one process may run before it is stopped: <c>NIXGEN_TIMEOUT</c> seconds, else <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan Timeout => ParseTimeout(_variable("NIXGEN_TIMEOUT"));

    /// <summary>A <c>NIXGEN_TIMEOUT</c> value: whole seconds, at least 1 (empty: the default).</summary>
    public static TimeSpan ParseTimeout(string? text) =>
        string.IsNullOrEmpty(text) ? DefaultTimeout
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new ToolSettingException($"NIXGEN_TIMEOUT: expected a whole number of seconds (at least 1), got '{text}'");

    /// <summary>Processes started by every runner of this process (reported by <c>NIXGEN_STATS_FILE</c>).</summary>
    public static int TotalStarted => s_totalStarted;

    /// <summary>
    /// The executables to use, by tool name: from the runner's <c>tools</c>, else <c>NIXGEN_GO</c> / <c>NIXGEN_NIX</c>
    /// style variables (handy to hash with a specific Go), else PATH. Null when not found.
    /// </summary>
    public string? Resolve(string tool)
    {
        if (tools is not null && tools.TryGetValue(tool, out var configured))
        {
            return Locate(configured);
        }

        var fromEnv = _variable("NIXGEN_" + tool.ToUpperInvariant());
        return Locate(string.IsNullOrEmpty(fromEnv) ? tool : fromEnv, _variable("PATH"));
    }

    /// <summary>Why <see cref="Resolve"/> found no <paramref name="tool"/>: the variable that names a missing file, or PATH.</summary>
    public string NotFound(string tool)
    {
        if (tools is not null && tools.TryGetValue(tool, out var configured))
        {
            return $"{tool}: {configured} does not exist";
        }

        var variable = "NIXGEN_" + tool.ToUpperInvariant();
        return _variable(variable) is { Length: > 0 } named
            ? named.Contains('/', StringComparison.Ordinal)
                ? $"{tool}: {variable} names {named}, which does not exist; point it at a {tool} executable, or unset it to use the {tool} on PATH"
                : $"{tool}: {variable} names {named}, which is not on PATH; give its full path, or unset it to use the {tool} on PATH"
            : $"{tool}: not found on PATH; install it (see README) or put it on PATH";
    }

    /// <summary>How many processes this runner has started (benchmarks and tests assert no-op runs start none).</summary>
    public int ProcessesStarted => _started;

    /// <summary>Finds an executable by name on PATH (or uses an explicit path).</summary>
    public static string? Locate(string tool, string? searchPath = null)
    {
        if (tool.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(tool) ? tool : null;
        }

        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public async Task<ToolResult> RunAsync(
        string tool,
        Action<ArgumentsBuilder> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken,
        bool throwOnFailure = true,
        Stream? standardOutput = null)
    {
        var timeout = Timeout;
        var exe = Resolve(tool) ?? throw new ToolException(NotFound(tool), new ToolFailure(tool, ToolFailureKind.NotFound));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = CliWrap.Cli.Wrap(exe)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment)
            .WithStandardOutputPipe(standardOutput is null ? PipeTarget.ToStringBuilder(stdout, Encoding.UTF8) : PipeTarget.ToStream(standardOutput))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);
        log?.Invoke($"$ {Path.GetFileName(exe)} {command.Arguments}  (in {workingDirectory})");
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref s_totalStarted);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(limit.Token).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"{tool}: cannot start {exe}: {e.Message}", new ToolFailure(tool, ToolFailureKind.CannotStart, $"{Path.GetFileName(exe)} {command.Arguments}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException($"{Path.GetFileName(exe)} {command.Arguments} did not finish within {timeout.TotalSeconds:0} s and was stopped " +
                "(NIXGEN_TIMEOUT sets the limit in seconds; raise it for a slow network or a very large repository)",
                new ToolFailure(tool, ToolFailureKind.TimedOut, $"{Path.GetFileName(exe)} {command.Arguments}"));
        }

        var toolResult = new ToolResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        if (throwOnFailure && result.ExitCode != 0)
        {
            var printed = toolResult.StandardError.Length > 0 ? toolResult.StandardError : toolResult.StandardOutput;
            throw new ToolException($"{Path.GetFileName(exe)} {command.Arguments} failed (exit {result.ExitCode}):\n{Indent(printed)}",
                new ToolFailure(tool, ToolFailureKind.Failed, $"{Path.GetFileName(exe)} {command.Arguments}", result.ExitCode, printed.Trim()));
        }

        return toolResult;
    }

    /// <summary><see cref="RunAsync"/> for the few callers that are not asynchronous (git listing the tracked files).</summary>
    public ToolResult Run(string tool, Action<ArgumentsBuilder> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, bool throwOnFailure = true) =>
        RunAsync(tool, arguments, workingDirectory, environment, CancellationToken.None, throwOnFailure).GetAwaiter().GetResult();

    private static string Indent(string text) =>
        string.Join("\n", text.TrimEnd().Split('\n').Select(l => "    " + l.TrimEnd('\r')));
}
