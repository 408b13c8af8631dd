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
            matrix.AddRange(runners.Select(os => new MatrixEntry(YamlScalar.Quoted(s.Name), os)));
            if (linux is not null)
            {
                matrix.AddRange(s.Cross.Select(t => new MatrixEntry(YamlScalar.Quoted(t.Name), linux)));
                if (s.Image is not null)
                {
                    matrix.Add(new MatrixEntry(YamlScalar.Quoted(s.Image.Attr.Trim('"')), linux));
                }
            }
        }

        var cache = config.Caches.FirstOrDefault(c => c.Url == $"https://{c.Name}.cachix.org")?.Name;
        return new CiModel(
            config.Ci.DefaultBranch,
            cache,
            config.Ci.NixgenInstall,
            goSeries,
            matrix,
            [config.Output == OutputMode.Flake ? "flake.nix" : config.OutputFile, .. config.DefaultNix ? ["default.nix"] : Array.Empty<string>(), "nixgen.lock", ".github/workflows/nix.yml"])
        {
            NixgenVersion = manifestVersion
                ?? (typeof(CiModelBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0").Split('+')[0],
            ToolManifest = manifestVersion is not null,
            Sbom = config.Sbom,
        };
    }
}
