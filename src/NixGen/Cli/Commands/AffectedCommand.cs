using System.CommandLine;
using System.Text;
using NixGen.Changes;
using NixGen.Pipeline;

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
    private readonly Option<bool> _markdown = new("--markdown") { Description = "A table per package, for $GITHUB_STEP_SUMMARY (the same as --format markdown)" };
    private readonly Option<string?> _format = CreateFormat();
    private readonly Option<string?> _summary = new("--summary") { Description = "Also append the markdown summary to this file ($GITHUB_STEP_SUMMARY, a GitLab job artifact)" };
    private readonly Option<string[]> _cache = new("--cache") { Description = "A binary cache to ask for each affected package (https://…, file:///…); repeatable. Cached packages get no job", AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _checkCache = new("--check-cache") { Description = "Ask the caches of nixgen.yaml (cachix:) too" };
    private readonly Option<string[]> _system = new("--system") { Description = "With caches: the systems a package must be cached for (default: this machine's); repeatable" };

    private static Option<string?> CreateFormat()
    {
        var option = new Option<string?>("--format") { Description = "text (default), json, markdown, or gitlab-ci (a child pipeline: one job per package to build)" };
        option.AcceptOnlyFromAmong("text", "json", "markdown", "gitlab-ci");
        return option;
    }

    public Command Create()
    {
        var command = new Command("affected", "List the packages whose inputs differ between two commits, and why: what CI must build.\n\nExamples:\n  nixgen affected --base origin/main --json\n  nixgen affected --base HEAD~1 --markdown >> \"$GITHUB_STEP_SUMMARY\"\n  nixgen affected --base \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\" --format gitlab-ci --check-cache > child.yml\n  nixgen affected --base HEAD~1 --cache file:///var/cache/nix --cache https://acme.cachix.org")
        {
            _base, _head, _json, _markdown, _format, _summary, _cache, _checkCache, _system,
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
        var scratch = Hashing.Scratch.Choose(host.Variable);
        // Both revisions are verified as commits first: a bad one is a usage error, and never reaches git as an option.
        await GitCheckout.CommitAsync(runner, c.Repo, baseRev, "--base", ct).ConfigureAwait(false);
        if (head is not null)
        {
            await GitCheckout.CommitAsync(runner, c.Repo, head, "--head", ct).ConfigureAwait(false);
        }

        // The two commits are unpacked and read independently: one on the thread pool, one here.
        var reading = Task.Run(async () =>
        {
            using var before = await GitCheckout.OfAsync(runner, c.Repo, baseRev, scratch, ct).ConfigureAwait(false);
            return Affected.Read(before.Path);
        }, ct);
        Affected.State now;
        GitCheckout? after = null;
        try
        {
            after = head is null ? null : await GitCheckout.OfAsync(runner, c.Repo, head, scratch, ct, "--head").ConfigureAwait(false);
            now = Affected.Read(after?.Path ?? c.Repo);
        }
        catch
        {
            // Let the other read finish and delete its checkout; this error is the one to report.
            after?.Dispose();
            await Task.WhenAny(reading).ConfigureAwait(false);
            throw;
        }

        using var headCheckout = after;
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

        var headRoot = after?.Path ?? c.Repo;
        var config = Config.ConfigLoader.Load(Path.Combine(headRoot, Project.ConfigFile));
        var plan = await CachePlanAsync(p, c, headRoot, config, affected, ct).ConfigureAwait(false);
        var format = p.GetValue(_format) ?? (p.GetValue(_json) ? "json" : p.GetValue(_markdown) ? "markdown" : "text");
        if (p.GetValue(_summary) is { } summary)
        {
            await File.AppendAllTextAsync(summary, AffectedReport.Markdown(plan), ct).ConfigureAwait(false);
        }

        await host.Out.WriteAsync(format switch
        {
            "json" => AffectedReport.Json(plan),
            "markdown" => AffectedReport.Markdown(plan),
            "gitlab-ci" => Rendering.GitLabChildPipeline.Render([.. plan.ToBuild.Select(a => a.Package)], config, plan.Checked ? plan.Line : $"{affected.Count} affected, {affected.Count} to build"),
            _ => AffectedReport.Text(plan),
        }).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Asks the caches (<c>--cache</c>, and with <c>--check-cache</c> nixgen.yaml's) which affected packages they hold.</summary>
    private async Task<CachePlan> CachePlanAsync(ParseResult p, Context c, string root, Config.NixGenConfig config, IReadOnlyList<AffectedPackage> affected, CancellationToken ct)
    {
        List<string> caches = [.. (p.GetValue(_cache) ?? []).Concat(p.GetValue(_checkCache) ? CacheCheck.Configured(config) : []).Distinct(StringComparer.Ordinal)];
        if (caches.Count == 0)
        {
            return CachePlan.Unchecked(affected);
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var lookups = await new CacheCheck(Runs.NewRunner(host, c), http, host.Variable("CACHIX_AUTH_TOKEN"))
                .LookupAsync(root, [.. affected.Select(a => a.Package)], p.GetValue(_system) ?? [], caches, ct).ConfigureAwait(false);
            return new CachePlan(affected, lookups, caches, true);
        }
        catch (Exception e) when (e is Processes.ToolException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            // A plan that cannot ask the caches still builds everything it must: never a false "cached".
            await host.Error.WriteLineAsync($"nixgen: warning: cannot ask the binary caches, so every affected package is built: {e.Message}").ConfigureAwait(false);
            return new CachePlan(affected, [], caches, true);
        }
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
