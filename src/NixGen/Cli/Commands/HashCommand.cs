using System.CommandLine;
using System.Text.Json.Nodes;
using NixGen.Hashing;
using NixGen.Json;
using NixGen.Pipeline;

namespace NixGen.Cli.Commands;

/// <summary><c>nixgen hash</c>: every service's vendorHash, written nowhere; what could be hashed is printed even when a service fails.</summary>
internal sealed class HashCommand(CliHost host)
{
    private readonly Option<bool> _force = CommonOptions.Force();
    private readonly Option<bool> _verify = CommonOptions.Verify();
    private readonly Option<string?> _strategy = CommonOptions.Strategy();
    private readonly Option<bool> _json = CommonOptions.Json();

    public Command Create()
    {
        var command = new Command("hash", "Print every service's vendorHash (computing what the lock does not hold) without writing files.\n\nExample:\n  nixgen hash --json | jq '.[].vendorHash'")
        {
            _force, _verify, _strategy, _json,
        };
        command.SetAction((p, ct) => NixgenApp.Guard(host, p, (c, ct) => RunAsync(p, c, ct), ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult p, Context c, CancellationToken ct)
    {
        var runner = Runs.NewRunner(host, c);
        IReadOnlyList<ServiceReport> services;
        Planning.ModulesData? modules = null;
        IReadOnlyList<HashFailure> failures = [];
        string? failureMessage = null;
        try
        {
            var result = await Runs.GenerateAsync(host, c, runner, new GenerateOptions(c.Jobs, p.GetValue(_force), p.GetValue(_verify), p.GetValue(_strategy)), ct).ConfigureAwait(false);
            services = result.Services;
            modules = result.Files.TryGetValue(Config.NixGenConfig.ModulesFile, out var text) ? Planning.ModulesData.Parse(text) : null;
        }
        catch (HashFailedException e)
        {
            (services, failures, failureMessage) = (e.Hashed, e.Failures, e.Message);
        }

        if (p.GetValue(_json))
        {
            var array = new JsonArray([.. services.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["modRoot"] = s.ModRoot,
                ["vendorHash"] = s.VendorHash,
                ["proxyVendor"] = s.ProxyVendor,
                ["strategy"] = s.Strategy,
                ["go"] = s.Go,
                ["reused"] = s.Reused,
                ["source"] = s.Reused ? "lock" : s.FromCache ? "cache" : "computed",
                ["reasons"] = new JsonArray([.. s.Reasons.Select(r => (JsonNode)r)]),
            }), .. failures.Select(f => (JsonNode)Failed(f))]);
            // Modules mode: the module hashes too (nix/go-modules.json as it stands after this run).
            if (modules is { } data)
            {
                array.Add(new JsonObject
                {
                    ["modules"] = new JsonObject(data.Modules.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, (JsonNode?)new JsonObject
                    {
                        ["mod"] = m.Value.Mod,
                        ["zip"] = m.Value.Zip,
                    }))),
                });
            }

            await host.Out.WriteLineAsync(JsonText.Pretty(array)).ConfigureAwait(false);
        }
        else
        {
            foreach (var s in services)
            {
                await host.Out.WriteLineAsync($"{s.Name,-16} {s.ModRoot,-28} {s.VendorHash ?? "null",-53} {(s.ProxyVendor ? "proxyVendor " : "")}{(s.Reused ? "(from lock)" : s.FromCache ? "(from cache)" : "(computed)")}").ConfigureAwait(false);
            }
        }

        if (failureMessage is null)
        {
            return ExitCodes.Success;
        }

        await host.Error.WriteLineAsync("nixgen: " + failureMessage).ConfigureAwait(false);
        return ExitCodes.ToolFailed;
    }

    /// <summary>A service that failed: the message, and the tool's failure as data (tool, kind, exit code) when one ran.</summary>
    private static JsonObject Failed(HashFailure f)
    {
        var o = new JsonObject { ["name"] = f.Service, ["error"] = f.Message };
        if (f.Failure is { } tool)
        {
            o["tool"] = tool.Tool;
            o["failure"] = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(tool.Kind.ToString());
            o["exitCode"] = tool.ExitCode;
        }

        return o;
    }
}
