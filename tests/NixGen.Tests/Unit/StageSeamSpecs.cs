using NixGen.Config;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Planning;
using NixGen.Rendering;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>The seams between stages: the probe renders through the run's renderer, modules mode answers in one place.</summary>
public sealed class StageSeamSpecs
{
    private const string Sum =
        "example.org/a v1.0.0 h1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=\n" +
        "example.org/a v1.0.0/go.mod h1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb=\n" +
        "example.org/b v1.0.0/go.mod h1:ccccccccccccccccccccccccccccccccccccccccccc=\n";

    private static Repository Repo(TempDir dir)
    {
        foreach (var name in new[] { "api", "worker" })
        {
            dir.Write($"services/{name}/go.mod", $"module example.com/{name}\n\ngo 1.22\n\nrequire example.org/a v1.0.0\n");
            dir.Write($"services/{name}/go.sum", Sum);
            dir.Write($"services/{name}/main.go", "package main\n\nimport \"example.org/a\"\n\nfunc main() { a.A() }\n");
        }

        return RepoScanner.Scan(dir.Path);
    }

    [Fact]
    public void The_probe_is_the_run_renderings_flake_with_the_fake_hash()
    {
        using var dir = new TempDir();
        var repo = Repo(dir);
        var config = ConfigLoader.FromText("nixgen.yaml", "ci:\n  provider: github\n");
        var fake = repo.Services.ToDictionary(s => s.Name, _ => new VendorResult(NixFodHasher.FakeHash, false, "probe: fake hash"), StringComparer.Ordinal);
        var rendering = new FlakeFiles(repo, config);
        Assert.Equal(FlakeFiles.Render(repo, config, fake)[FlakeFiles.Flake], rendering.ProbeFlake(fake));
        Assert.Contains(NixFodHasher.FakeHash, rendering.ProbeFlake(fake), StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_mode_answers_per_service_and_merges_the_needs_once()
    {
        using var dir = new TempDir();
        var repo = Repo(dir);
        var modules = new ModulesMode(ConfigLoader.FromText("nixgen.yaml", "services:\n  services/api:\n    hashing: modules\n"));
        var api = repo.Services.Single(s => s.Name == "api");
        var worker = repo.Services.Single(s => s.Name == "worker");
        Assert.True(modules.IsOn(api));
        Assert.False(modules.IsOn(worker));
        Assert.Equal(["example.org/a@v1.0.0", "example.org/b@v1.0.0"], modules.Needs(api).Keys);
        Assert.Empty(modules.Needs(worker));
        var merged = modules.Merged(repo.Services);
        Assert.True(merged["example.org/a@v1.0.0"].Zip);
        Assert.False(merged["example.org/b@v1.0.0"].Zip);
        Assert.Equal("modules mode: vendor/ assembled from 2 module(s) of nix/go-modules.json", modules.FromFiles(api)!.Why);
        Assert.Null(modules.FromFiles(worker)); // vendored: hashed by the strategy
    }

    /// <summary>Pipeline only wires the stages (issue 23): what it does lives in the stage it belongs to.</summary>
    [Fact]
    public void Pipeline_stays_wiring_at_most_450_lines()
    {
        var lines = Directory.EnumerateFiles(Path.Combine(NixGen.Tests.Support.Repo.Root, "src", "NixGen", "Pipeline"), "*.cs").Sum(f => File.ReadAllLines(f).Length);
        Assert.True(lines <= 450, $"src/NixGen/Pipeline has {lines} lines");
    }
}
