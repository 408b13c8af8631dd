using System.Reflection;
using NixGen.Config;

namespace NixGen.Rendering;

/// <summary>Builds <see cref="CiModel"/> from the flake model: every service, cross target and image becomes a matrix job.</summary>
internal static class CiModelBuilder
{
    /// <param name="manifestVersion">The nixgen version the repository's tool manifest pins, if it lists nixgen.</param>
    public static CiModel Build(FlakeModel flake, NixGenConfig config, string goSeries, string? manifestVersion)
    {
        // GitHub-hosted runners per Nix system (actions/runner-images; macos-13 was retired in December 2025, Intel
        // macOS is macos-15-intel). Cross targets and images build on the first Linux one.
        var runners = new (string System, string Os)[]
        {
            ("x86_64-linux", "ubuntu-24.04"), ("aarch64-linux", "ubuntu-24.04-arm"), ("aarch64-darwin", "macos-15"), ("x86_64-darwin", "macos-15-intel"),
        }.Where(r => config.Systems.Contains(r.System)).Select(r => r.Os).ToList();
        var linux = runners.FirstOrDefault(r => r.StartsWith("ubuntu", StringComparison.Ordinal));
        var matrix = new List<MatrixEntry>();
        foreach (var s in flake.Services)
        {
            matrix.AddRange(runners.Select(os => new MatrixEntry(s.Name, os)));
            if (linux is not null)
            {
                matrix.AddRange(s.Cross.Select(t => new MatrixEntry(t.Name, linux)));
                if (s.Image is not null)
                {
                    matrix.Add(new MatrixEntry(s.Image.PackageName, linux));
                }
            }
        }

        var cache = config.Caches.FirstOrDefault(c => c.Url == $"https://{c.Name}.cachix.org")?.Name;
        // Every value reaches the workflow as one YAML scalar (validated at load too: a branch name, a Cachix name).
        return new CiModel(
            YamlScalar.Of(config.Ci.DefaultBranch),
            cache is null ? null : YamlScalar.Of(cache),
            config.Ci.NixgenInstall,
            YamlScalar.Quoted(goSeries),
            matrix,
            [config.Output == OutputMode.Flake ? FlakeFiles.Flake : config.OutputFile, .. config.DefaultNix ? [FlakeFiles.DefaultNix] : Array.Empty<string>(), Trust.OutputNames.Lock,
                .. config.Ci.GitHub ? [FlakeFiles.Workflow] : Array.Empty<string>(), .. config.Ci.GitLab ? [FlakeFiles.GitLabJobs] : Array.Empty<string>()])
        {
            NixgenVersion = manifestVersion
                ?? (typeof(CiModelBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0").Split('+')[0],
            ToolManifest = manifestVersion is not null,
            Sbom = config.Sbom,
            Tags = config.Ci.RunnerTags,
            CacheSystems = string.Concat(config.Systems.Order(StringComparer.Ordinal).Select(s => " --system " + s)),
            RunnerTagsText = string.Join(" and ", config.Ci.RunnerTags),
            Branch = config.Ci.DefaultBranch,
            // Go from the runner's nixpkgs (its flake registry), never the pull request's dev shell or flake.lock: nixgen
            // check runs with what the job trusts, as the GitHub job's setup-go. Go 1.21-1.26 vendor the same trees.
            GoShell = config.Ci.NixgenInstall == "devshell" ? "" : "nix shell nixpkgs#go --command ",
        };
    }
}
