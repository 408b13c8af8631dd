using NixGen.Config;

namespace NixGen.Rendering;

/// <summary>One job of the build matrix: a flake package and the runner that builds it.</summary>
public sealed record MatrixEntry(string Package, string Os);

/// <summary>What the CI templates print; derived from the flake's own model so the two never disagree.</summary>
public sealed record CiModel(
    string DefaultBranch,
    string? Cache,
    string NixgenInstall,
    string GoVersion,
    IReadOnlyList<MatrixEntry> Matrix,
    IReadOnlyList<string> WatchedFiles);

/// <summary>Builds <see cref="CiModel"/> from the flake model: every service, cross target and image becomes a matrix job.</summary>
public static class CiModelBuilder
{
    public static CiModel Build(FlakeModel flake, NixGenConfig config, string goSeries)
    {
        // GitHub-hosted runners per Nix system; cross targets and images build on the first Linux one.
        var runners = new (string System, string Os)[]
        {
            ("x86_64-linux", "ubuntu-latest"), ("aarch64-linux", "ubuntu-24.04-arm"), ("aarch64-darwin", "macos-latest"), ("x86_64-darwin", "macos-13"),
        }.Where(r => config.Systems.Contains(r.System)).Select(r => r.Os).ToList();
        var linux = runners.FirstOrDefault(r => r.StartsWith("ubuntu", StringComparison.Ordinal));
        var matrix = new List<MatrixEntry>();
        foreach (var s in flake.Services)
        {
            var name = Unquote(s.Attr);
            matrix.AddRange(runners.Select(os => new MatrixEntry(name, os)));
            if (linux is not null)
            {
                matrix.AddRange(s.Cross.Select(t => new MatrixEntry($"{name}-{t.Goos}-{t.Goarch}", linux)));
                if (s.Image is { } image)
                {
                    matrix.Add(new MatrixEntry(Unquote(image.Attr), linux));
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
            ["flake.nix", "nixgen.lock", ".github/workflows/nix.yml"]);
    }

    // Service and image attribute names are plain identifiers in practice; a quoted one keeps its quotes out of YAML.
    private static string Unquote(string attr) => attr.StartsWith('"') ? attr[1..^1] : attr;
}
