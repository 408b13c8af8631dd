using NixGen.Config;
using NixGen.Rendering;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// Generated CI files as the forges read them: every GitHub workflow through GitHub's own parser
/// (@actions/workflow-parser), every GitLab file and child pipeline through gitlab-ci-local's validation (GitLab's
/// schema), and the GitLab plan job run by gitlab-ci-local's shell executor on a history.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ForgeValidationSpecs
{
    /// <summary>A git work tree holding <paramref name="files"/>, committed (gitlab-ci-local reads committed files).</summary>
    private static string CommittedRepo(TempDir dir, IReadOnlyDictionary<string, string> files)
    {
        var repo = Path.Combine(dir.Path, "repo");
        foreach (var (path, text) in files)
        {
            InProcess.WriteFile(repo, path, text);
        }

        Git.InitAndCommit(repo);
        return repo;
    }

    [Fact]
    public void Every_generated_github_workflow_parses_with_githubs_own_parser_and_a_broken_one_does_not()
    {
        var workflows = Directory.EnumerateFiles(Repo.Snapshots, "*.verified.yml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "nix.verified.yml" or "nixgen-dependabot.verified.yml")
            .Concat(Directory.EnumerateFiles(Path.Combine(Repo.Example, ".github", "workflows"), "*.yml"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.True(workflows.Length >= 4, string.Join(", ", workflows));

        var (exit, output) = Forges.ParseGitHubWorkflows(workflows);

        Assert.True(exit == 0, output);
        Assert.Equal(workflows.Length, output.Split('\n').Count(l => l.EndsWith(": ok", StringComparison.Ordinal)));
        using var dir = new TempDir();
        var broken = dir.Write("broken.yml", File.ReadAllText(workflows[0]).Replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    needs: nothing", StringComparison.Ordinal));
        var (brokenExit, brokenOutput) = Forges.ParseGitHubWorkflows(broken);
        Assert.Equal(1, brokenExit);
        Assert.Contains("broken.yml", brokenOutput, StringComparison.Ordinal);
    }

    public static TheoryData<string> GitLabCases() =>
        [.. Directory.EnumerateDirectories(Repo.Snapshots).Where(d => File.Exists(Path.Combine(d, "nixgen.verified.yml"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(GitLabCases))]
    public void The_generated_gitlab_files_and_child_pipelines_pass_gitlab_ci_local_validation_and_a_broken_one_does_not(string name)
    {
        var snapshot = Path.Combine(Repo.Snapshots, name);
        var config = ConfigLoader.Load(Path.Combine(snapshot, "input", "nixgen.yaml"));
        using var dir = new TempDir();
        var repo = CommittedRepo(dir, new Dictionary<string, string>
        {
            [".gitlab-ci.yml"] = File.ReadAllText(Path.Combine(snapshot, ".gitlab-ci.verified.yml")),
            [".gitlab/nixgen.yml"] = File.ReadAllText(Path.Combine(snapshot, "nixgen.verified.yml")),
            ["child.yml"] = GitLabChildPipeline.Render(["orders", "orders-image", "notify-linux-arm64"], config, "4 affected, 1 cached, 3 to build"),
            ["empty.yml"] = GitLabChildPipeline.Render([], config, "0 affected"),
            ["child-sbom.yml"] = GitLabChildPipeline.Render(["orders", "orders-image"], config with { Sbom = true }, "2 affected, 0 cached, 2 to build"),
            ["broken.yml"] = "build:\n  script: [make]\n  trigger:\n    strategy: wait\n",
        });
        var mergeRequest = new[] { "--variable", "CI_PIPELINE_SOURCE=merge_request_event" };

        var (exit, output) = Forges.GitLabCiLocal(repo, null, ["--list", .. mergeRequest]);

        Assert.True(exit == 0, output);
        Assert.Contains("json schema validated", output, StringComparison.Ordinal);
        foreach (var job in new[] { "nixgen:check", "nixgen:plan", "nixgen:build" })
        {
            Assert.Contains(job, output, StringComparison.Ordinal);
        }

        foreach (var child in new[] { "child.yml", "empty.yml", "child-sbom.yml" })
        {
            var (childExit, childOutput) = Forges.GitLabCiLocal(repo, null, "--list", "--file", child);
            Assert.True(childExit == 0, child + ":\n" + childOutput);
        }

        var (brokenExit, brokenOutput) = Forges.GitLabCiLocal(repo, null, "--list", "--file", "broken.yml");
        Assert.Equal(1, brokenExit);
        Assert.Contains("strategy", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gitlab_plan_job_run_by_gitlab_ci_local_writes_a_child_pipeline_of_exactly_the_affected_packages()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        InProcess.Edit(repo, "nixgen.yaml", "  provider: github", "  provider: [github, gitlab]");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };
        var update = await InProcessCli.RunAsync(repo, env, "update");
        Assert.True(update.Exit == 0, update.Err);
        Git.InitAndCommit(repo);

        // No nix on PATH: the example's caches are not reachable here; the plan warns and builds everything affected.
        var path = string.Join(':', (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Where(d => d.Length > 0 && !File.Exists(Path.Combine(d, "nix"))));
        IReadOnlyList<string> Plan(string baseRev)
        {
            var (jobs, log) = Forges.RunGitLabPlan(repo, baseRev, dir.Path, path);
            Assert.Contains("## What this change rebuilds", log, StringComparison.Ordinal);
            return [.. jobs.Order(StringComparer.Ordinal)];
        }

        var before = Git.Run(repo, "rev-parse", "HEAD").Trim();
        File.AppendAllText(Path.Combine(repo, "libs/platform/log/log.go"), "\n// A change to the shared library.\n");
        Git.CommitAll(repo, "edit the shared library");
        string[] suffixes = ["", "-darwin-arm64", "-image", "-linux-amd64", "-linux-arm64"];
        string[] dependents = ["gateway", "orders"];
        Assert.Equal(dependents.SelectMany(s => suffixes.Select(x => "nixgen:" + s + x)).Order(StringComparer.Ordinal), Plan(before));

        before = Git.Run(repo, "rev-parse", "HEAD").Trim();
        File.WriteAllText(Path.Combine(repo, "README.md"), "# The shop\n");
        Git.CommitAll(repo, "a README");
        Assert.Equal(["nixgen:nothing-to-build"], Plan(before));
    }
}
