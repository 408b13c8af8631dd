using System.CommandLine;

namespace NixGen.Cli.Commands;

/// <summary><c>nixgen completion</c>: a shell completion script that asks nixgen itself for suggestions.</summary>
internal sealed class CompletionCommand(CliHost host)
{
    public Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a shell completion script (it asks nixgen itself for suggestions).\n\nExample:\n  source <(nixgen completion bash)   # in ~/.bashrc")
        {
            shell,
        };
        command.SetAction(p =>
        {
            host.Out.Write(p.GetValue(shell) switch
            {
                "bash" => """
                    _nixgen_complete() {
                      local IFS=$'\n'
                      COMPREPLY=( $(nixgen "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
                    }
                    complete -o default -F _nixgen_complete nixgen

                    """,
                "zsh" => """
                    #compdef nixgen
                    _nixgen() {
                      local -a completions
                      completions=("${(@f)$(nixgen "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
                      compadd -a completions
                    }
                    compdef _nixgen nixgen

                    """,
                _ => """
                    complete -c nixgen -f -a '(nixgen "[suggest:"(string length (commandline -cp))"]" (commandline -cp) 2>/dev/null)'

                    """,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
