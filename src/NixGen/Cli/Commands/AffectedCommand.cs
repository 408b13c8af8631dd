using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NixGen.Pipeline;
using NixGen.Json;

namespace NixGen.Cli.Commands;

/// <summary>
/// <c>nixgen affected --base REV</c>: the packages whose inputs differ between two commits, and why (the CI plan);
/// <c>nixgen explain PACKAGE --base REV</c>: one package's reasons.
/// </summary>
internal sealed class AffectedCommand(CliHost host)
{
    private readonly Option<string> _base = new("--base") { Description = "The commit to compare with (a PR's base, the previous push)", Required = true };
    private readonly Option<string?> _head = new("--head") { Description = "The commit to build (default: the working tree, its git-tracked files)" };
    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly Option<bool> _markdown = new("--markdown") { Description = "A table per package, for $GITHUB_STEP_SUMMARY" };

    public Command Create()
    {
        var command = new Command("affected", "List the packages whose inputs differ between two commits, and why: what CI must build.\n\nExamples:\n  nixgen affected --base origin/main --json\n  nixgen affected --base HEAD~1 --markdown >> \"$GITHUB_STEP_SUMMARY\"")
        {
            _base, _head, _json, _markdown,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, ct) => RunAsync(p, c, null, ct), ct));
        return command;
    }

    public Command CreateExplain()
    {
        var package = new Argument<string>("package") { Description = "A package of the flake (orders, orders-linux-arm64, orders-image)" };
        var command = new Command("explain", "Say why a package is rebuilt between two commits: source, dependency, toolchain, configuration or nixpkgs, with the evidence.\n\nExample:\n  nixgen explain orders --base origin/main")
        {
            package, _base, _head, _markdown,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, ct) => RunAsync(p, c, p.GetValue(package), ct), ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult p, Context c, string? only, CancellationToken ct)
    {
        var head = p.GetValue(_head);
        var baseRev = p.GetValue(_base)!;
        var runner = Runs.NewRunner(host, c);
        // Both revisions are verified as commits first: a bad one is a usage error, and never reaches git as an option.
        await GitCheckout.CommitAsync(runner, c.Repo, baseRev, "--base", ct).ConfigureAwait(false);
        if (head is not null)
        {
            await GitCheckout.CommitAsync(runner, c.Repo, head, "--head", ct).ConfigureAwait(false);
        }

        // The two commits are unpacked and read independently: one on the thread pool, one here.
        var reading = Task.Run(async () =>
        {
            using var before = await GitCheckout.OfAsync(runner, c.Repo, baseRev, ct).ConfigureAwait(false);
            return Affected.Read(before.Path);
        }, ct);
        Affected.State now;
        try
        {
            using var after = head is null ? null : await GitCheckout.OfAsync(runner, c.Repo, head, ct, "--head").ConfigureAwait(false);
            now = Affected.Read(after?.Path ?? c.Repo);
        }
        catch
        {
            // Let the other read finish and delete its checkout; this error is the one to report.
            await Task.WhenAny(reading).ConfigureAwait(false);
            throw;
        }

        var affected = Affected.Compare(await reading.ConfigureAwait(false), now);
        if (only is not null)
        {
            affected = [.. affected.Where(a => a.Package == only)];
            if (affected.Count == 0)
            {
                host.Out.WriteLine($"{only}: not affected (every input is the same at both commits)");
                return ExitCodes.Success;
            }
        }

        if (p.GetValue(_json))
        {
            host.Out.WriteLine(JsonText.Pretty(new JsonArray([.. affected.Select(a => (JsonNode)new JsonObject
            {
                ["package"] = a.Package,
                ["service"] = a.Service,
                ["reasons"] = new JsonArray([.. a.Reasons.Select(r => (JsonNode)new JsonObject { ["kind"] = r.Kind, ["detail"] = r.Detail })]),
            })])));
        }
        else if (p.GetValue(_markdown))
        {
            host.Out.Write(Markdown(affected));
        }
        else
        {
            foreach (var a in affected)
            {
                host.Out.WriteLine($"{a.Package}: {string.Join("; ", a.Reasons.Select(r => $"{r.Kind}: {r.Detail}"))}");
            }

            if (affected.Count == 0)
            {
                host.Out.WriteLine("nixgen: nothing needs building");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// A table of causes per package, shared by a service's packages that are rebuilt for the same causes (its cross
    /// builds and image follow it): a reviewer sees at a glance why CI builds what it builds.
    /// </summary>
    internal static string Markdown(IReadOnlyList<AffectedPackage> affected)
    {
        var sb = new StringBuilder("## What this change rebuilds\n\n");
        if (affected.Count == 0)
        {
            return sb.Append("Nothing: no package's inputs changed.\n").ToString();
        }

        var groups = affected
            .GroupBy(a => (a.Service, Reasons: string.Join("\n", a.Reasons.Select(r => r.Kind + "\t" + r.Detail))))
            .ToList();
        var services = affected.Select(a => a.Service).Distinct(StringComparer.Ordinal).Count();
        sb.Append(affected.Count).Append(affected.Count == 1 ? " package" : " packages").Append(" of ")
            .Append(services).Append(services == 1 ? " service" : " services").Append(".\n\n");
        foreach (var g in groups)
        {
            sb.Append("### ").Append(string.Join(", ", g.Select(a => $"`{a.Package}`"))).Append("\n\n| cause | evidence |\n| --- | --- |\n");
            foreach (var r in g.First().Reasons)
            {
                sb.Append("| ").Append(r.Kind).Append(" | ").Append(r.Detail.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
