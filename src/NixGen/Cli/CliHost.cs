using Spectre.Console;

namespace NixGen.Cli;

/// <summary>
/// The world a command sees: where it prints, its environment variables, its working directory and whether it talks
/// to a terminal. The process gives the real one; tests run commands in-process with their own.
/// </summary>
internal sealed class CliHost(TextWriter output, TextWriter error, Func<string, string?> variable, string workingDirectory, bool outputIsTerminal = false, bool errorIsTerminal = false)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public string WorkingDirectory { get; } = workingDirectory;

    public bool OutputIsTerminal { get; } = outputIsTerminal;

    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public string? Variable(string name) => variable(name);

    /// <summary>The process's own console, environment and directory.</summary>
    public static CliHost FromProcess() => new(
        Console.Out, Console.Error, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(),
        !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>A Spectre console over <see cref="Out"/> (tables).</summary>
    public IAnsiConsole AnsiOut() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
    });
}
