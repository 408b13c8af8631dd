using System.Text.Json.Nodes;
using NixGen.Fixtures;
using NixGen.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace NixGen.Tests.Integration;

/// <summary>
/// Cache-aware plans against a real local binary cache: packages built through the nixpkgs model and copied with
/// <c>nix copy --to file://…</c> are skipped on both forges, and the summary reports the hit rate and each miss's class.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CachePlanSpecs(NixBuildFixture nix) : IClassFixture<NixBuildFixture>
{
    private const string Lib = "\nrequire example.com/kinds/libs/shared v0.0.0\n\nreplace example.com/kinds/libs/shared => ../../libs/shared\n";

    private static readonly string[] Mixed = ["mixed", "mixed-image", "mixed-linux-arm64"];

    /// <summary>
    /// A merge request that edits the shared library two services use (<c>base</c> is the commit before it); the packages
    /// of <c>localonly</c> at its head are already in a binary cache at <c>cache</c> (served over HTTP at <c>url</c>).
    /// </summary>
    private async Task<(string Repo, string Base, string Cache)> SharedLibraryEditWithLocalonlyCachedAsync(TempDir dir, string cacheUrl)
    {
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "libs/shared/go.mod", "module example.com/kinds/libs/shared\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/shared/shared.go", "// Package shared is shared.\npackage shared\n\n// Greeting is shared.\nconst Greeting = \"hello\"\n");
        InProcess.Service(repo, "mixed", "\nrequire example.org/text v1.2.0\n" + Lib, nix.TextSums, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"\n\t\"example.org/text\"", "fmt.Println(text.Shout(shared.Greeting))");
        InProcess.Service(repo, "localonly", Lib, null, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"", "fmt.Println(shared.Greeting)");
        InProcess.Service(repo, "nodeps", "", null, "\"fmt\"", "fmt.Println(\"none\")");
        InProcess.WriteFile(repo, "nixgen.yaml",
            $"systems: [x86_64-linux]\ncross: [linux/arm64]\ncachix:\n  - url: {cacheUrl}\n    publicKey: local-1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKK=\n" +
            "ci:\n  provider: [github, gitlab]\nservices:\n  services/mixed:\n    image: {}\n");
        Git.InitAndCommit(repo);
        var env = nix.GoEnv(dir.Path);
        await InProcess.UpdateAsync(repo, env);
        Git.CommitAll(repo, "nixgen");
        NixBuildFixture.OpenToBuilders(dir.Path);
        nix.Model.Lock(repo);
        Git.CommitAll(repo, "flake.lock");
        var baseRev = Git.Run(repo, "rev-parse", "HEAD").Trim();

        File.AppendAllText(Path.Combine(repo, "libs/shared/shared.go"), "\n// Farewell is shared too.\nconst Farewell = \"bye\"\n");
        await InProcess.UpdateAsync(repo, env);
        Git.CommitAll(repo, "edit the shared library");

        var built = nix.Model.Build(repo, nix.NixEnv, "localonly", "localonly-linux-arm64");
        var cache = Path.Combine(dir.Path, "cache");
        var (exit, _, err) = Tools.Run("nix", repo, null, ["--extra-experimental-features", "nix-command", "copy", "--to", "file://" + cache, .. built.Values]);
        Assert.True(exit == 0, "nix copy failed:\n" + err);
        return (repo, baseRev, cache);
    }

    [Fact]
    public async Task The_gitlab_child_pipeline_builds_exactly_the_dependents_of_a_library_edit_that_no_cache_holds()
    {
        using var dir = new TempDir();
        var (repo, baseRev, cache) = await SharedLibraryEditWithLocalonlyCachedAsync(dir, "https://cache.invalid");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off" };
        // mixed's vendor tree (its fixed-output goModules, shared by its cross build) is in the cache too: a partial hit.
        nix.Model.Build(repo, nix.NixEnv, "mixed");
        var vendor = nix.Model.EvalRaw(repo, $"packages.{NixModel.System}.mixed.goModules.outPath");
        Assert.Equal(0, Tools.Run("nix", repo, null, "--extra-experimental-features", "nix-command", "copy", "--to", "file://" + cache, vendor).Exit);

        var child = await InProcessCli.RunAsync(repo, env, "affected", "--base", baseRev, "--format", "gitlab-ci", "--cache", "file://" + cache, "--summary", Path.Combine(dir.Path, "summary.md"));

        Assert.True(child.Exit == 0, child.Err);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(child.Out));
        Assert.Equal(Mixed.Select(p => "nixgen:" + p), ((YamlMappingNode)yaml.Documents[0].RootNode).Children.Keys.Select(k => k.ToString()));
        var summary = File.ReadAllText(Path.Combine(dir.Path, "summary.md"));
        Assert.Contains($"| 5 | 2 | 3 | 40% |\n\nCaches asked: `file://{cache}`.\n\nCached, no job: `localonly` (file://{cache}), `localonly-linux-arm64` (file://{cache}).", summary, StringComparison.Ordinal);
        Assert.Contains($"Vendor tree cached, only compiled: `mixed` (file://{cache}), `mixed-linux-arm64` (file://{cache}).\n", summary, StringComparison.Ordinal);
        Assert.Contains("| `mixed` | source | 1 file: libs/shared/shared.go |\n", summary, StringComparison.Ordinal);

        // Without the cache, every dependent is built; with an empty one too.
        var all = await InProcessCli.RunAsync(repo, env, "affected", "--base", baseRev, "--json");
        Assert.Equal(["localonly", "localonly-linux-arm64", .. Mixed], JsonNode.Parse(all.Out)!.AsArray().Select(a => (string)a!["package"]!).Order(StringComparer.Ordinal));
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));
        var none = await InProcessCli.RunAsync(repo, env, "affected", "--base", baseRev, "--cache", "file://" + Path.Combine(dir.Path, "empty"));
        Assert.EndsWith("nixgen: 5 affected, 0 cached, 5 to build (hit rate 0%; caches: file://" + Path.Combine(dir.Path, "empty") + ")\n", none.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_github_plan_step_asks_the_cache_of_nixgen_yaml_over_http_and_leaves_the_cached_packages_out_of_the_matrix()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "cache"));
        await using var server = new GoProxyServer(Path.Combine(dir.Path, "cache"), TimeSpan.Zero);
        var (repo, baseRev, _) = await SharedLibraryEditWithLocalonlyCachedAsync(dir, server.Url);

        // The step as GitHub runs it: its script, its JOBS, nixgen and nix on PATH, the output files.
        var (jobs, summary) = Workflow.RunPlanStep(dir, repo, baseRev);
        var matrix = jobs.Select(j => j.Package).Order(StringComparer.Ordinal);
        Assert.Equal(Mixed, matrix);
        Assert.Contains("| 5 | 2 | 3 | 40% |", summary, StringComparison.Ordinal);
        Assert.True(server.Requests >= 5, $"{server.Requests} narinfo requests");
    }

    [Fact]
    public async Task The_gitlab_plan_job_run_by_gitlab_ci_local_skips_the_cached_dependents_of_a_library_edit_then_plans_a_bump_and_a_readme_edit()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "cache"));
        await using var server = new GoProxyServer(Path.Combine(dir.Path, "cache"), TimeSpan.Zero);
        var (repo, baseRev, _) = await SharedLibraryEditWithLocalonlyCachedAsync(dir, server.Url);

        var (jobs, log) = Forges.RunGitLabPlan(repo, baseRev, dir.Path);

        Assert.Equal(Mixed.Select(p => "nixgen:" + p), jobs);
        Assert.Contains("| 5 | 2 | 3 | 40% |", log, StringComparison.Ordinal);
        Assert.Contains("`mixed-image` | source | 1 file: libs/shared/shared.go |", log, StringComparison.Ordinal);

        // A dependency bump of one service: its packages, none cached.
        var v130 = nix.PublishTextV130();
        baseRev = Git.Run(repo, "rev-parse", "HEAD").Trim();
        InProcess.Edit(repo, "services/mixed/go.mod", "example.org/text v1.2.0", "example.org/text v1.3.0");
        File.WriteAllText(Path.Combine(repo, "services/mixed/go.sum"), v130);
        await InProcess.UpdateAsync(repo, nix.GoEnv(dir.Path));
        Git.CommitAll(repo, "bump example.org/text");
        (jobs, log) = Forges.RunGitLabPlan(repo, baseRev, dir.Path);
        Assert.Equal(Mixed.Select(p => "nixgen:" + p), jobs);
        Assert.Contains("> | `mixed` | source | 2 files: services/mixed/go.mod, services/mixed/go.sum |\n", log, StringComparison.Ordinal);
        Assert.Contains("> | | dependency | example.org/text v1.2.0 -> v1.3.0 |\n", log, StringComparison.Ordinal);

        // A README edit: nothing to build, and a child pipeline that still passes.
        baseRev = Git.Run(repo, "rev-parse", "HEAD").Trim();
        File.WriteAllText(Path.Combine(repo, "README.md"), "# kinds\n");
        Git.CommitAll(repo, "a README");
        (jobs, _) = Forges.RunGitLabPlan(repo, baseRev, dir.Path);
        Assert.Equal(["nixgen:nothing-to-build"], jobs);
    }
}
