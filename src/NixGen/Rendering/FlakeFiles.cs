using NixGen.Config;
using NixGen.Discovery;
using NixGen.Planning;
using NixGen.Trust;

namespace NixGen.Rendering;

/// <summary>Every file nixgen renders (all but nixgen.lock), from one model, so the CI matrix always names the flake's packages.</summary>
internal static class FlakeFiles
{
    // nixgen's file names live in one registry (Trust.OutputNames); these are its names for Rendering's callers.
    public const string Flake = OutputNames.Flake;

    public const string Workflow = OutputNames.GitHubWorkflow;

    public const string DependabotWorkflow = OutputNames.DependabotWorkflow;

    public const string GitLabJobs = OutputNames.GitLabJobs;

    public const string GitLabEntry = OutputNames.GitLabEntry;

    public const string Renovate = OutputNames.Renovate;

    public const string DefaultNix = OutputNames.DefaultNix;

    /// <summary>Every file nixgen may generate besides flake.nix and nixgen.lock (removed again when turned off).</summary>
    public static readonly IReadOnlyList<string> Optional = [Workflow, DependabotWorkflow, GitLabJobs, GitLabEntry, Renovate, Flake, DefaultNix, NixGenConfig.ModulesFile, NixGenConfig.SbomFile];

    /// <summary>
    /// The files besides nixgen.lock that <see cref="Render"/> writes for <paramref name="config"/> (the modules file as soon
    /// as a service hashes modules): nixgen's own, so never a service's source.
    /// </summary>
    /// <param name="root">The repository: a <c>.gitlab-ci.yml</c> of the team's own is kept (and includes nixgen's jobs).</param>
    public static IReadOnlyList<string> WrittenFor(NixGenConfig config, string root)
    {
        var files = new List<string> { config.Output == OutputMode.Flake ? Flake : config.OutputFile };
        if (config.Output == OutputMode.Flake && config.DefaultNix)
        {
            files.Add(DefaultNix);
        }

        if (config.Ci.GitHub)
        {
            files.Add(Workflow);
        }

        if (config.Ci.GitLab)
        {
            files.Add(GitLabJobs);
            if (OwnsGitLabEntry(root))
            {
                files.Add(GitLabEntry);
            }
        }

        if (config.Ci.Enabled)
        {
            if (config.Ci.Dependabot)
            {
                files.Add(DependabotWorkflow);
            }

            if (config.Ci.Renovate)
            {
                files.Add(Renovate);
            }
        }

        if (config.ModulesMode || config.Services.Values.Any(s => s.ModulesMode))
        {
            files.Add(NixGenConfig.ModulesFile);
        }

        if (config.Sbom)
        {
            files.Add(NixGenConfig.SbomFile);
        }

        return files;
    }

    /// <summary>
    /// Whether nixgen writes <c>.gitlab-ci.yml</c>: there is none, or the one there is nixgen's (a file without nixgen's
    /// header is the team's, and includes <see cref="GitLabJobs"/> itself). Its presence is an input of every run
    /// (<see cref="InputDigest.WrittenWhereAbsent"/>).
    /// </summary>
    private static bool OwnsGitLabEntry(string root)
    {
        var path = Path.Combine(root, GitLabEntry);
        return !File.Exists(path) || Trust.GeneratedMarker.IsGenerated(path);
    }

    /// <summary>Renders flake.nix and, with <c>ci:</c>, the workflow and bot glue.</summary>
    public static SortedDictionary<string, string> Render(
        Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes, IReadOnlyDictionary<string, string>? goSources = null)
    {
        var goSeries = GoRequirement.Of(repo, config).Series;
        var overrideDir = Path.Combine(repo.Root, FlakeRenderer.OverrideFolder);
        var renderer = new FlakeRenderer(Directory.Exists(overrideDir) ? overrideDir : null);
        var model = renderer.WithBuilderArgs(FlakeModelBuilder.Build(repo, config, hashes, goSources));
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (config.Output)
        {
            case OutputMode.Module:
                files[config.OutputFile] = renderer.RenderTemplate("module.nix.sbn", model);
                break;
            case OutputMode.FlakeParts:
                files[config.OutputFile] = renderer.RenderTemplate("flake-parts.nix.sbn", model);
                break;
            default:
                files[Flake] = renderer.Render(model);
                if (config.DefaultNix)
                {
                    files[DefaultNix] = renderer.RenderTemplate("default.nix.sbn", model);
                }

                break;
        }

        if (config.Ci.Enabled)
        {
            var ci = CiModelBuilder.Build(
                model, config, goSeries == "default" ? "stable" : goSeries, config.Ci.NixgenInstall == "devshell" ? null : ToolManifest.NixgenVersion(repo.Root));
            if (config.Ci.GitHub)
            {
                files[Workflow] = renderer.RenderTemplate("github-workflow.yml.sbn", ci);
            }

            if (config.Ci.GitLab)
            {
                files[GitLabJobs] = renderer.RenderTemplate("gitlab-ci.yml.sbn", ci);
                if (OwnsGitLabEntry(repo.Root))
                {
                    files[GitLabEntry] = renderer.RenderTemplate("gitlab-ci-entry.yml.sbn", ci);
                }
            }

            if (config.Ci.Dependabot)
            {
                files[DependabotWorkflow] = renderer.RenderTemplate("dependabot-workflow.yml.sbn", ci);
            }

            if (config.Ci.Renovate)
            {
                files[Renovate] = renderer.RenderTemplate("renovate.json.sbn", ci);
            }
        }

        return files;
    }
}
