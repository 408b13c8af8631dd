namespace NixGen.Processes;

/// <summary>How an external tool failed: the kinds a caller (or a summary of many failures) tells apart.</summary>
internal enum ToolFailureKind
{
    /// <summary>Not on PATH, or the variable that names it points nowhere.</summary>
    NotFound,

    /// <summary>Found but could not be started (not executable, wrong format).</summary>
    CannotStart,

    /// <summary>Ran past its limit (<c>NIXGEN_TIMEOUT</c>) and was stopped.</summary>
    TimedOut,

    /// <summary>Ran and exited non-zero.</summary>
    Failed,

    /// <summary>Ran, but what it said cannot be used (an unreadable version, a build that should have failed).</summary>
    Unusable,
}

/// <summary>
/// A tool's failure as data, as CliWrap's <c>CommandExecutionException</c> carries it: which tool, the command line,
/// the exit code and what it printed. Callers decide by these, never by cutting names out of a message.
/// </summary>
/// <param name="Tool">The tool's name as nixgen asks for it (<c>go</c>, <c>nix</c>, <c>git</c>, <c>goproxy</c>, <c>go.dev</c>).</param>
/// <param name="Command">The command line as run (executable name and arguments), when one ran.</param>
/// <param name="Output">What it printed (standard error, or standard output when that is empty), trimmed.</param>
internal sealed record ToolFailure(string Tool, ToolFailureKind Kind, string? Command = null, int? ExitCode = null, string Output = "");

/// <summary>
/// An external tool (<c>go</c>, <c>nix</c>, <c>git</c>, a proxy) that is missing or failed. <see cref="Exception.Message"/> is
/// for people; <see cref="Failure"/> and <see cref="Subject"/> are for code.
/// </summary>
internal class ToolException : Exception
{
    /// <param name="detail">What went wrong, without the subject.</param>
    /// <param name="failure">The tool's failure as data, when a tool ran (or should have).</param>
    /// <param name="subject">What it happened to (a service name), said first in the message; null for the run as a whole.</param>
    public ToolException(string detail, ToolFailure? failure = null, string? subject = null)
        : base(subject is null ? detail : $"{subject}: {detail}")
    {
        Detail = detail;
        Failure = failure;
        Subject = subject;
    }

    /// <summary>The message without its subject.</summary>
    public string Detail { get; }

    public ToolFailure? Failure { get; }

    public string? Subject { get; }
}
