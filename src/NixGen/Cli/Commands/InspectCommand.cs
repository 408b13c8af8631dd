using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Json;

namespace NixGen.Cli.Commands;

/// <summary><c>nixgen inspect</c>: what nixgen reads, as Go's own tools print it.</summary>
internal sealed class InspectCommand(CliHost host)
{
    private readonly Argument<string?> _file = new("file") { Description = "A go.mod, go.work or go.sum file; without it, a summary of the repository", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _json = CommonOptions.Json();

    public Command Create()
    {
        var command = new Command("inspect", "Show what nixgen reads: for a go.mod/go.work the JSON of `go mod edit -json` / `go work edit -json`, for a go.sum its entries; for the repository its modules, services and local replace graph.\n\nExample:\n  nixgen inspect --json services/orders/go.mod")
        {
            _file, _json,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, _) => Task.FromResult(Run(p, c)), ct));
        return command;
    }

    private int Run(ParseResult p, Context c)
    {
        if (p.GetValue(_file) is not { } path)
        {
            var repo = RepoScanner.Scan(c.Repo);
            host.Out.Write(p.GetValue(_json) ? RepoSummary.Json(repo) : RepoSummary.Text(repo));
            return ExitCodes.Success;
        }

        var full = Path.GetFullPath(path, host.WorkingDirectory);
        var name = Path.GetFileName(full);
        var kind = name switch
        {
            "go.mod" => "mod",
            "go.sum" => "sum",
            "go.work" => "work",
            _ when name.EndsWith(".mod", StringComparison.Ordinal) => "mod",
            _ when name.EndsWith(".work", StringComparison.Ordinal) => "work",
            _ => null,
        };
        if (kind is null)
        {
            host.Error.WriteLine($"nixgen: inspect: {path} is not a go.mod, go.work or go.sum file (by its name); `nixgen inspect` without a file summarises the repository");
            return ExitCodes.InvalidInput;
        }

        if (!File.Exists(full))
        {
            host.Error.WriteLine($"nixgen: {path}: no such file");
            return ExitCodes.InvalidInput;
        }

        var text = SyntaxParser.Decode(path, File.ReadAllBytes(full));
        switch (kind)
        {
            case "sum":
                var sum = GoSumFile.Parse(path, text);
                host.Out.WriteLine(JsonText.Pretty(new JsonArray([.. sum.Entries.Select(e => (JsonNode)new JsonObject { ["Path"] = e.Path, ["Version"] = e.Version, ["GoMod"] = e.IsGoMod, ["Hash"] = e.Hash })])));
                break;
            case "work":
                host.Out.Write(GoModJson.Write(GoWorkFile.Parse(path, text)));
                break;
            default:
                host.Out.Write(GoModJson.Write(GoModFile.Parse(path, text, requireModule: false)));
                break;
        }

        return ExitCodes.Success;
    }
}
