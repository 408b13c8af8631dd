namespace NixGen.Trust;

/// <summary>
/// The one registry of nixgen's own files: the names it writes (besides a module file at <c>outputFile</c>, any other
/// <c>.nix</c> path) and their categories (optional, never source, read as inputs). Every stage names them from here,
/// and the trust boundary lets nixgen write or remove nothing else. Which of them a configuration writes is decided
/// in one place too: <c>Config.OwnFiles.WrittenFor</c>.
/// </summary>
internal static class OutputNames
{
    public const string Flake = "flake.nix";

    public const string Lock = "nixgen.lock";

    public const string Config = "nixgen.yaml";

    /// <summary>Flake mode's optional entry for <c>nix-build</c>.</summary>
    public const string DefaultNix = "default.nix";

    public const string Renovate = "renovate.json";

    /// <summary>Modules mode: the hash of every module file.</summary>
    public const string ModulesData = "nix/go-modules.json";

    /// <summary>The SBOM data of every package (<c>sbom: true</c>).</summary>
    public const string SbomData = "nix/go-sbom.json";

    /// <summary>The workflow nixgen generates for GitHub Actions.</summary>
    public const string GitHubWorkflow = ".github/workflows/nix.yml";

    public const string DependabotWorkflow = ".github/workflows/nixgen-dependabot.yml";

    /// <summary>GitLab: the jobs nixgen generates, for the team's <c>.gitlab-ci.yml</c> to include.</summary>
    public const string GitLabJobs = ".gitlab/nixgen.yml";

    /// <summary>GitLab's entry file: written only where the repository has none of its own (it includes <see cref="GitLabJobs"/>).</summary>
    public const string GitLabEntry = ".gitlab-ci.yml";

    /// <summary>The flake's lock: read (an input of the nix strategy and of every digest), never written.</summary>
    public const string FlakeLock = "flake.lock";

    /// <summary>A repository's template overrides and nixgen's folder at the root.</summary>
    public const string OwnFolder = ".nixgen";

    public const string TemplateOverrides = ".nixgen/templates";

    public static readonly IReadOnlyList<string> Fixed =
    [
        Flake, DefaultNix, Lock, Config, Renovate, ModulesData, SbomData, GitHubWorkflow, DependabotWorkflow, GitLabJobs, GitLabEntry,
    ];

    /// <summary>Every file nixgen may generate besides nixgen.lock: removed again when turned off (if it says it is nixgen's).</summary>
    public static readonly IReadOnlyList<string> Optional = [GitHubWorkflow, DependabotWorkflow, GitLabJobs, GitLabEntry, Renovate, Flake, DefaultNix, ModulesData, SbomData];

    /// <summary>
    /// Files and directories at the repository root that are nixgen's (or the flake's) whatever the configuration: never
    /// part of a service's source. The files written only in some configurations are left out only where they are written.
    /// </summary>
    public static readonly IReadOnlyList<string> NeverSource = [OwnFolder, FlakeLock, Flake, Lock, Config];

    /// <summary>The files nixgen itself reads at the top of a repository, whether git tracks them or not.</summary>
    public static readonly IReadOnlyList<string> ReadInputs =
    [
        Config, Lock, Flake, FlakeLock, DefaultNix, "go.work", "go.work.sum", "go.mod", "go.sum", ModulesData, ".config/dotnet-tools.json", TemplateOverrides,
    ];

    /// <summary>The files at the root whose content every generated file depends on (digested into nixgen.lock's record).</summary>
    public static readonly IReadOnlyList<string> DigestedInputs = [Config, "go.work", "go.work.sum", FlakeLock, ".config/dotnet-tools.json"];

    /// <summary>
    /// Files nixgen writes only where the repository has none of its own (GitLab's entry): whether one is there decides
    /// what is generated, so their presence is an input.
    /// </summary>
    public static readonly IReadOnlyList<string> WrittenWhereAbsent = [GitLabEntry];
}
