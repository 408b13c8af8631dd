using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NixGen.Cli;

/// <summary>Options every command takes, and what they resolve to for one invocation.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Repo = new("--repo")
    {
        Description = "Repository root (default: the nearest directory with nixgen.yaml, else the git work tree's top, else the current directory)",
        Recursive = true,
        DefaultValueFactory = _ => ".",
    };

    public static readonly Option<int> Jobs = new("--jobs", "-j")
    {
        Description = "Services hashed in parallel (default: number of cores)",
        Recursive = true,
        CustomParser = ParseJobs,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print only errors and the result", Recursive = true };

    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Show every go/nix command run", Recursive = true };

    public static readonly Option<bool> NoColor = new("--no-color") { Description = "No ANSI colours (also when NO_COLOR is set or output is redirected)", Recursive = true };

    private static int ParseJobs(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) || jobs < 1)
        {
            result.AddError($"--jobs: expected a whole number of at least 1, got '{text}'");
        }

        return jobs;
    }

    /// <summary>Resolves the options of one invocation (saying which repository root it found, unless quiet).</summary>
    public static Context Resolve(ParseResult parse, CliHost host)
    {
        var quiet = parse.GetValue(Quiet);
        string repo;
        if (parse.GetResult(Repo) is { Implicit: false })
        {
            repo = Path.GetFullPath(parse.GetValue(Repo) ?? ".", host.WorkingDirectory);
        }
        else
        {
            var (root, why) = FindRoot(host.WorkingDirectory);
            if (root != host.WorkingDirectory && !quiet)
            {
                host.Error.WriteLine($"nixgen: repository root {root} ({why})");
            }

            repo = root;
        }

        var color = !parse.GetValue(NoColor) && host.Variable("NO_COLOR") is null or "" && host.ErrorIsTerminal;
        return new Context(repo, parse.GetValue(Jobs), quiet, parse.GetValue(Verbose), color);
    }

    /// <summary>
    /// The repository, found the way git finds its work tree, from <paramref name="start"/> up: the nearest directory
    /// with a nixgen.yaml, else the top of the git work tree, else <paramref name="start"/> itself.
    /// </summary>
    public static (string Root, string Why) FindRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, Pipeline.Project.ConfigFile)))
            {
                return (d.FullName, "the nearest directory with " + Pipeline.Project.ConfigFile);
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
}

/// <summary>Global options of one invocation.</summary>
internal sealed record Context(string Repo, int Jobs, bool Quiet, bool Verbose, bool Color);
