using System.CommandLine;
using System.Text.Json.Nodes;
using NixGen.Config;
using NixGen.Pipeline;
using NixGen.Sbom;

namespace NixGen.Cli.Commands;

/// <summary><c>nixgen sbom</c>: the SBOM of every package, the same bytes as the flake's <c>.sbom</c> derivations, without Nix.</summary>
internal sealed class SbomCommand(CliHost host)
{
    private readonly Argument<string[]> _services = new("service") { Description = "Services to write documents for (default: every one)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _format = new("--format") { Description = "cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON)", DefaultValueFactory = _ => "cyclonedx" };
    private readonly Option<string> _output = new("--output", "-o") { Description = "Directory to write <package>.cdx.json / <package>.spdx.json into", DefaultValueFactory = _ => "sbom" };
    private readonly Option<string?> _system = new("--system") { Description = "The Nix system of the native packages (default: this machine's, e.g. x86_64-linux)" };

    public Command Create()
    {
        _format.AcceptOnlyFromAmong("cyclonedx", "spdx");
        var command = new Command("sbom", "Write an SBOM per package (the service and every cross build): the modules compiled into it, with versions, purls, go.sum hashes and their graph; the same bytes as `nix build .#<package>.sbom`.\n\nExample:\n  nixgen sbom orders --output sbom && grype sbom:sbom/orders.cdx.json")
        {
            _services, _format, _output, _system,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, ct) => RunAsync(p, c, ct), ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult p, Context c, CancellationToken ct)
    {
        var project = Project.Load(c.Repo, null);
        var wanted = p.GetValue(_services) ?? [];
        var unknown = wanted.Where(w => project.Repo.Services.All(s => s.Name != w)).ToList();
        if (unknown.Count > 0)
        {
            await host.Error.WriteLineAsync($"nixgen: no service named {string.Join(", ", unknown)} (services: {string.Join(", ", project.Repo.Services.Select(s => s.Name))})").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var runner = Runs.NewRunner(host, c);
        var result = await Runs.GenerateAsync(host, c, runner, new GenerateOptions(c.Jobs) { Sbom = true }, ct).ConfigureAwait(false);
        var data = result.Sbom!["services"]!.AsObject();
        var spdx = p.GetValue(_format) == "spdx";
        var output = Path.GetFullPath(p.GetValue(_output)!, host.WorkingDirectory);
        Directory.CreateDirectory(output);
        var created = host.Variable("SOURCE_DATE_EPOCH") is { } epoch && long.TryParse(epoch, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UnixEpoch;
        var system = p.GetValue(_system) ?? SbomPackage.HostSystem();
        var written = 0;
        foreach (var s in project.Repo.Services.Where(s => wanted.Length == 0 || wanted.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var package in SbomPackage.Of(s, project.Config, system))
            {
                var doc = SbomDocuments.CycloneDx(data[s.Name]!.AsObject(), package.Mains, package.Goos, package.Goarch)
                    ?? throw new ConfigException($"{package.Name}: no SBOM for {package.Goos}/{package.Goarch}: add {system} to `systems:` in nixgen.yaml");
                var (file, text) = spdx
                    ? (package.Name + ".spdx.json", NixJson.Serialize(SbomDocuments.Spdx(doc, package.Name, created)))
                    : (package.Name + ".cdx.json", NixJson.Serialize(doc));
                await File.WriteAllTextAsync(Path.Combine(output, file), text, new System.Text.UTF8Encoding(false), ct).ConfigureAwait(false);
                written++;
                if (!c.Quiet)
                {
                    await host.Error.WriteLineAsync($"{package.Name}: {Path.GetRelativePath(host.WorkingDirectory, Path.Combine(output, file))} ({((JsonArray)doc["components"]!).Count} modules, {package.Goos}/{package.Goarch})").ConfigureAwait(false);
                }
            }
        }

        return ExitCodes.Success;
    }
}
