namespace NixGen.Cli;

/// <summary>The exit codes every command keeps to.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Stale = 1;
    public const int InvalidInput = 2;
    public const int ToolFailed = 3;
    public const int Cancelled = 130;
}
