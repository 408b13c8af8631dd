using System.Text.RegularExpressions;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// In-process runs of the command line (<see cref="InProcessCli"/>) are hermetic: a command prints only to the writers
/// of its CliHost (System.CommandLine's InvocationConfiguration gets them too), reads only the variables and directory
/// the host gives, and reads no clock, so tests running commands in parallel never interleave or share output.
/// Only the process entry (Program.cs, CliHost.FromProcess) binds the real console, environment and clock.
/// </summary>
public sealed partial class HermeticCliSpecs
{
    [Fact]
    public void Scratch_trees_go_where_the_runs_own_variables_say_not_the_process()
    {
        using var dir = new TempDir();
        var environment = NixGen.Hashing.GoEnvironment.From(v => v == "NIXGEN_SCRATCH" ? dir.Path : null);
        Assert.Equal(dir.Path, environment.ScratchDir);
        var tree = NixGen.Hashing.Scratch.Create(environment.ScratchDir, "nixgen-test-");
        Assert.Equal(dir.Path, tree.Parent!.FullName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(tree.FullName));
    }

    [Fact]
    public void The_command_line_reads_no_process_wide_console_environment_or_clock()
    {
        var cli = Path.Combine(Repo.Root, "src", "NixGen", "Cli");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "Program.cs"))
        {
            var text = File.ReadAllText(file);
            if (Path.GetFileName(file) == "CliHost.cs")
            {
                text = FromProcess().Replace(text, "");
            }

            offenders.AddRange(ProcessWide().Matches(text).Select(m => $"{Path.GetRelativePath(Repo.Root, file)}: {m.Value}"));
        }

        Assert.True(offenders.Count == 0, "the command line must go through its CliHost:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public async Task Parallel_runs_print_only_to_their_own_writers_never_to_the_process_console()
    {
        var console = (Console.Out, Console.Error);
        using var recorded = new StringWriter();
        var shared = TextWriter.Synchronized(recorded);
        Console.SetOut(shared);
        Console.SetError(shared);
        try
        {
            using var dir = new TempDir();
            var runs = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
            {
                var repo = Directory.CreateDirectory(Path.Combine(dir.Path, $"repo-{i:00}")).FullName;
                var env = new Dictionary<string, string?> { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, $"cache-{i:00}") };
                return (Repo: repo, Help: await InProcessCli.RunAsync(repo, env, "--help"), Update: await InProcessCli.RunAsync(repo, env, "update"));
            }));

            Assert.All(runs, r =>
            {
                Assert.Contains("nixgen init", r.Help.Out, StringComparison.Ordinal);
                Assert.Equal(2, r.Update.Exit);
                Assert.Contains(r.Repo + ": no go.mod found", r.Update.Err, StringComparison.Ordinal);
                Assert.Single(runs, o => o.Update.Err.Contains(Path.GetFileName(r.Repo), StringComparison.Ordinal));
            });
            Assert.DoesNotContain("no go.mod found", recorded.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("nixgen init", recorded.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetOut(console.Out);
            Console.SetError(console.Error);
        }
    }

    [GeneratedRegex(@"public static CliHost FromProcess\(\)[^;]*;", RegexOptions.Singleline)]
    private static partial Regex FromProcess();

    [GeneratedRegex(@"\bConsole\.(Out|Error|In|Write|WriteLine|Read|ReadLine|OpenStandard\w+|Is\w+Redirected|Set\w+)\b|\bAnsiConsole\.(?!Create\b)\w+|\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|\bStopwatch\b|\bTimeProvider\.System\b|\bEnvironment\.(GetEnvironmentVariables?|CurrentDirectory)\b|\bDirectory\.GetCurrentDirectory\b")]
    private static partial Regex ProcessWide();
}
