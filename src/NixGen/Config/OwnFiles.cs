using NixGen.Trust;

namespace NixGen.Config;

/// <summary>
/// Which of nixgen's own files (<see cref="OutputNames"/>, the registry of names and categories) a configuration
/// writes: the one selection the scanner (never source), the renderer and the removal of obsolete files agree on.
/// </summary>
internal static class OwnFiles
{
    /// <summary>
    /// The files besides nixgen.lock that a run writes for <paramref name="config"/> (the modules file as soon as a
    /// service hashes modules): nixgen's own, so never a service's source.
    /// </summary>
    /// <param name="root">The repository: a <c>.gitlab-ci.yml</c> of the team's own is kept (and includes nixgen's jobs).</param>
    public static IReadOnlyList<string> WrittenFor(NixGenConfig config, string root)
    {
        var files = new List<string> { config.Output == OutputMode.Flake ? OutputNames.Flake : config.OutputFile };
        if (config.Output == OutputMode.Flake && config.DefaultNix)
        {
            files.Add(OutputNames.DefaultNix);
        }

        if (config.Ci.GitHub)
        {
            files.Add(OutputNames.GitHubWorkflow);
        }

        if (config.Ci.GitLab)
        {
            files.Add(OutputNames.GitLabJobs);
            if (OwnsGitLabEntry(root))
            {
                files.Add(OutputNames.GitLabEntry);
            }
        }

        if (config.Ci.Enabled)
        {
            if (config.Ci.Dependabot)
            {
                files.Add(OutputNames.DependabotWorkflow);
            }

            if (config.Ci.Renovate)
            {
                files.Add(OutputNames.Renovate);
            }
        }

        if (config.ModulesMode || config.Services.Values.Any(s => s.ModulesMode))
        {
            files.Add(OutputNames.ModulesData);
        }

        if (config.Sbom)
        {
            files.Add(OutputNames.SbomData);
        }

        return files;
    }

    /// <summary>
    /// Whether nixgen writes <c>.gitlab-ci.yml</c>: there is none, or the one there is nixgen's (a file without nixgen's
    /// header is the team's, and includes <see cref="OutputNames.GitLabJobs"/> itself). Its presence is an input of
    /// every run (<see cref="OutputNames.WrittenWhereAbsent"/>).
    /// </summary>
    public static bool OwnsGitLabEntry(string root)
    {
        var path = Path.Combine(root, OutputNames.GitLabEntry);
        return !File.Exists(path) || GeneratedMarker.IsGenerated(path);
    }
}
