using System.Text;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.Builders;

namespace NixGen.Processes;

/// <summary>
/// Runs <c>go</c> and <c>nix</c> through CliWrap: arguments built, never concatenated; environment set explicitly;
/// stderr captured; cancellation kills the child.
/// </summary>
/// <param name="variable">Where NIXGEN_GO / NIXGEN_NIX and PATH are read (the process environment unless given).</param>
internal sealed class ToolRunner(Action<string>? log = null, IReadOnlyDictionary<string, string>? tools = null, Func<string, string?>? variable = null)
{
    private readonly Func<string, string?> _variable = variable ?? Environment.GetEnvironmentVariable;

    private static int s_totalStarted;
    private int _started;

    /// <summary>Processes started by every runner of this process (reported by <c>NIXGEN_STATS_FILE</c>).</summary>
    public static int TotalStarted => s_totalStarted;

    /// <summary>
    /// The executables to use, by tool name: from <paramref name="tools"/>, else <c>NIXGEN_GO</c> / <c>NIXGEN_NIX</c>
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
        bool throwOnFailure = true)
    {
        var exe = Resolve(tool) ?? throw new ToolException($"{tool}: not found on PATH; install it (see README) or put it on PATH");
        var command = CliWrap.Cli.Wrap(exe)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None);
        log?.Invoke($"$ {Path.GetFileName(exe)} {command.Arguments}  (in {workingDirectory})");
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref s_totalStarted);
        BufferedCommandResult result;
        try
        {
            result = await command.ExecuteBufferedAsync(Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"{tool}: cannot start {exe}: {e.Message}");
        }

        var toolResult = new ToolResult(result.ExitCode, result.StandardOutput, result.StandardError);
        if (throwOnFailure && result.ExitCode != 0)
        {
            throw new ToolException($"{Path.GetFileName(exe)} {command.Arguments} failed (exit {result.ExitCode}):\n{Indent(result.StandardError.Length > 0 ? result.StandardError : result.StandardOutput)}");
        }

        return toolResult;
    }

    private static string Indent(string text) =>
        string.Join("\n", text.TrimEnd().Split('\n').Select(l => "    " + l.TrimEnd('\r')));
}
