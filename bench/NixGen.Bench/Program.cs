using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NixGen.Bench;

// Usage:
//   NixGen.Bench generate --dir DIR [--services 50] [--modules 30] [--libs 4] [--seed 1]   (repo in DIR/repo, proxy in DIR/proxy)
//   NixGen.Bench serve --root PROXYDIR [--latency-ms 40]   (serves a proxy tree over HTTP until Ctrl-C)
//   NixGen.Bench micro [--out DIR]
//   NixGen.Bench macro --nixgen PATH [--services 50] [--modules 30] [--libs 4] [--latency-ms 40] [--scales 10,50,200] [--seed 1] [--out DIR]
var command = args.Length > 0 ? args[0] : "macro";
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var output = Path.GetFullPath(Arg("--out", Path.Combine("bench", "results")));
Directory.CreateDirectory(output);
switch (command)
{
    case "generate":
        var dir = Path.GetFullPath(Arg("--dir", "bench-repo"));
        var generated = NixGen.Fixtures.MonorepoGenerator.Write(Path.Combine(dir, "repo"), Path.Combine(dir, "proxy"), new NixGen.Fixtures.MonorepoShape(
            int.Parse(Arg("--services", "50"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--modules", "30"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--libs", "4"), CultureInfo.InvariantCulture),
            Seed: int.Parse(Arg("--seed", "1"), CultureInfo.InvariantCulture)));
        Console.WriteLine($"{generated.Services.Count} services in {generated.RepoRoot}; GOPROXY={generated.Proxy.Url} GOSUMDB=off");
        return 0;
    case "serve":
        await using (var server = new NixGen.Fixtures.GoProxyServer(Arg("--root", "proxy"), TimeSpan.FromMilliseconds(int.Parse(Arg("--latency-ms", "40"), CultureInfo.InvariantCulture))))
        {
            Console.WriteLine($"GOPROXY={server.Url}");
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            Console.WriteLine($"{server.Requests} requests served");
        }

        return 0;
    case "micro":
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithArtifactsPath(Path.Combine(output, "micro"))
            .WithOptions(ConfigOptions.DisableLogFile);
        BenchmarkRunner.Run([typeof(ParseBenchmarks), typeof(NarBenchmarks)], config);
        return 0;
    case "macro":
        var options = new MacroOptions(
            Path.GetFullPath(Arg("--nixgen", "artifacts/nixgen/nixgen")),
            int.Parse(Arg("--services", "50"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--modules", "30"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--libs", "4"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--latency-ms", "40"), CultureInfo.InvariantCulture),
            [.. Arg("--scales", "10,50,200").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            int.Parse(Arg("--seed", "1"), CultureInfo.InvariantCulture),
            output);
        var table = await new Macro(options).RunAsync().ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(output, "macro.md"), table).ConfigureAwait(false);
        Console.WriteLine(table);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown command {command}: use micro or macro").ConfigureAwait(false);
        return 2;
}
