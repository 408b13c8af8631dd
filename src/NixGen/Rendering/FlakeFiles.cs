using NixGen.Config;
using NixGen.Discovery;
using NixGen.Planning;
using NixGen.Trust;

namespace NixGen.Rendering;

/// <summary>
/// Every file nixgen renders (all but nixgen.lock), from one model, so the CI matrix always names the flake's packages.
/// One instance per run: the pipeline makes it once (templates and a repository's overrides found once) and every
/// rendering of the run goes through it, the nix strategy's probe included (<see cref="ProbeFlake"/>).
/// </summary>
internal sealed class FlakeFiles
{
    // nixgen's file names live in one registry (Trust.OutputNames), which of them a configuration writes in
    // Config.OwnFiles.WrittenFor; these are the names for Rendering's callers.
    public const string Flake = OutputNames.Flake;

    public const string Workflow = OutputNames.GitHubWorkflow;

    public const string DependabotWorkflow = OutputNames.DependabotWorkflow;

    public const string GitLabJobs = OutputNames.GitLabJobs;

    public const string GitLabEntry = OutputNames.GitLabEntry;

    public const string Renovate = OutputNames.Renovate;

    public const string DefaultNix = OutputNames.DefaultNix;

    private readonly Repository _repo;

    private readonly NixGenConfig _config;

    private readonly FlakeRenderer _renderer;

    public FlakeFiles(Repository repo, NixGenConfig config)
    {
        _repo = repo;
        _config = config;
        var overrideDir = Path.Combine(repo.Root, FlakeRenderer.OverrideFolder);
        _renderer = new FlakeRenderer(Directory.Exists(overrideDir) ? overrideDir : null);
    }

    /// <summary>Renders flake.nix and, with <c>ci:</c>, the workflow and bot glue: a run of its own (the tests' entry).</summary>
    public static SortedDictionary<string, string> Render(
        Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes, IReadOnlyDictionary<string, string>? goSources = null) =>
        new FlakeFiles(repo, config).Render(hashes, goSources);

    /// <summary>
    /// The nix strategy's probe: flake.nix alone, for the hashes given (the fake hash for each service still to hash),
    /// rendered from the same model and templates as the run's files. The probe is the one rendering besides
    /// <see cref="Render(IReadOnlyDictionary{string, VendorResult}, IReadOnlyDictionary{string, string}?)"/>: nix must
    /// evaluate a flake whose vendorHash is the fake one to report the real hash, and the real files need that hash.
    /// </summary>
    /// <remarks>
    /// Always nixgen's own flake template, whatever <c>output:</c> says: in the module modes the team's flake.nix imports
    /// the module from its own structure, which the probe cannot know; the packages (and so their vendor derivations)
    /// are the same either way (the model in flake mode), evaluated against the repository's flake.lock.
    /// </remarks>
    public string ProbeFlake(IReadOnlyDictionary<string, VendorResult> hashes) =>
        _renderer.Render(_renderer.WithBuilderArgs(FlakeModelBuilder.Build(_repo, _config with { Output = OutputMode.Flake }, hashes)));

    /// <summary>The package whose <c>goModules</c> is the service's vendor derivation (what the nix strategy builds in the probe).</summary>
    public string VendorPackage(Service service) => FlakeModelBuilder.VendorPackage(service, _config.For(service.Module.Dir));

    /// <summary>Renders flake.nix and, with <c>ci:</c>, the workflow and bot glue.</summary>
    public SortedDictionary<string, string> Render(IReadOnlyDictionary<string, VendorResult> hashes, IReadOnlyDictionary<string, string>? goSources = null)
    {
        var (repo, config, renderer) = (_repo, _config, _renderer);
        var goSeries = GoRequirement.Of(repo, config).Series;
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
                if (OwnFiles.OwnsGitLabEntry(repo.Root))
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
