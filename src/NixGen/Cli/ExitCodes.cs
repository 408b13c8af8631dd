namespace NixGen.Cli;

/// <summary>The exit codes every command keeps to.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Stale = 1;
    public const int InvalidInput = 2;
    public const int ToolFailed = 3;

    /// <summary>Reading or writing a file failed (permissions, a full disk): the same code as a failing tool, not "bad input".</summary>
    public const int IoFailed = 3;

    /// <summary>A bug in nixgen (an unexpected exception): EX_SOFTWARE of sysexits.h.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted with Ctrl-C (SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped with SIGTERM (what <c>timeout</c>, Docker and systemd send): handled like Ctrl-C.</summary>
    public const int Terminated = 143;
}
