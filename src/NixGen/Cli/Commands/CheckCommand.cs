using System.CommandLine;
using NixGen.Output;
using NixGen.Pipeline;
using NixGen.Planning;
using NixGen.Rendering;

namespace NixGen.Cli.Commands;

/// <summary><c>nixgen check</c>: for CI; exit 1 with the reasons and a diff when a generated file or a hash is stale.</summary>
internal sealed class CheckCommand(CliHost host)
{
    private readonly Option<string?> _strategy = CommonOptions.Strategy();
    private readonly Option<bool> _deep = new("--verify") { Description = "Re-hash every service from scratch (ignoring nixgen.lock and the result cache) and compare with the lock and flake.nix: for a nightly CI job" };

    public Command Create()
    {
        var command = new Command("check", "For CI: regenerate in memory and compare with the committed files; exit 1 with a diff and the reasons when stale.\n\nExamples:\n  nixgen check || exit 1\n  nixgen check --verify     nightly: re-hash everything from scratch")
        {
            _strategy, _deep,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, ct) => RunAsync(p, c, ct), ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult p, Context c, CancellationToken ct)
    {
        var runner = Runs.NewRunner(host, c);
        var deep = p.GetValue(_deep);
        // A generated file nixgen would remove (a planted default.nix with nixgen's header, say) is not in the lock's record:
        // the full check finds it.
        if (!deep && FastCheck.Current(c.Repo, runner.Resolve("go"), p.GetValue(_strategy), TrustedIn(c.Repo)) is var (services, generated)
            && ObsoleteFiles.Of(c.Repo, generated, LockFile.Load(Path.Combine(c.Repo, LockFile.FileName))).Count == 0)
        {
            await host.Out.WriteLineAsync($"nixgen: {MainFile(generated)} and {LockFile.FileName} are current ({Services(services)}, 0 processes started; every input matches {LockFile.FileName})").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var result = await Runs.GenerateAsync(host, c, runner, new GenerateOptions(c.Jobs, Force: deep, Strategy: p.GetValue(_strategy)), ct).ConfigureAwait(false);
        var stale = Staleness.Compare(c.Repo, result.Files, result.ObsoleteFiles, LockFile.Comparable);
        if (stale.Count == 0)
        {
            await host.Out.WriteLineAsync(deep
                ? $"nixgen: verified: every vendorHash re-computed from scratch matches {LockFile.FileName} and {MainFile(result.Files.Keys)} ({Services(result.Services.Count)})"
                : $"nixgen: {MainFile(result.Files.Keys)} and {LockFile.FileName} are current ({Services(result.Services.Count)}, {runner.ProcessesStarted} processes started)").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var s in result.Services.Where(s => !s.Reused))
        {
            if (deep && s.PreviousHash != s.VendorHash)
            {
                await host.Out.WriteLineAsync($"stale: {s.Name}: {LockFile.FileName} says {s.PreviousHash ?? "null"}, re-hashed from scratch: {s.VendorHash ?? "null"}").ConfigureAwait(false);
            }
            else if (!deep)
            {
                await host.Out.WriteLineAsync($"stale: {s.Name}: {string.Join("; ", s.Reasons)}").ConfigureAwait(false);
            }
        }

        foreach (var r in result.Removed)
        {
            await host.Out.WriteLineAsync($"stale: {r}: removed (still in {LockFile.FileName})").ConfigureAwait(false);
        }

        await host.Out.WriteAsync(string.Concat(stale.Select(s => s.Diff))).ConfigureAwait(false);
        await host.Out.WriteLineAsync("nixgen: generated files are stale; run `nixgen update` and commit the result").ConfigureAwait(false);
        return ExitCodes.Stale;
    }

    /// <summary>
    /// In CI (<c>CI</c> set, as CI services do) the lock may be a pull request's: its record is trusted only when this
    /// machine's nixgen rendered it. A cache inside the repository (an environment the pull request chose) is no record
    /// of this machine's: nothing in it is trusted.
    /// </summary>
    private string? TrustedIn(string repo)
    {
        if (host.Variable("CI") is not { Length: > 0 } ci || ci is "0" or "false")
        {
            return null;
        }

        var cache = Path.GetFullPath(Hashing.GoEnvironment.From(host.Variable).CacheDir);
        var root = Path.GetFullPath(repo).TrimEnd('/') + "/";
        var resolvedRoot = (new DirectoryInfo(repo).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(repo)).TrimEnd('/') + "/";
        return cache.StartsWith(root, StringComparison.Ordinal) || cache.StartsWith(resolvedRoot, StringComparison.Ordinal)
            ? Path.Combine(root, ".nixgen-untrusted-cache", Guid.NewGuid().ToString("N"))
            : cache;
    }

    /// <summary>The file that holds the hashes: flake.nix, or in the module modes the module.</summary>
    private static string MainFile(IEnumerable<string> generated) =>
        generated.Contains(FlakeFiles.Flake) ? FlakeFiles.Flake
            : generated.Where(f => f.EndsWith(".nix", StringComparison.Ordinal) && f != "default.nix").Order(StringComparer.Ordinal).FirstOrDefault() ?? FlakeFiles.Flake;

    private static string Services(int count) => count == 1 ? "1 service" : $"{count} services";
}
