using NixGen.Config;
using NixGen.Discovery;
using NixGen.GoModules;

namespace NixGen.Rendering;

/// <summary>
/// The Go the flake needs: a minimum version, not a nixpkgs attribute. The flake itself picks the oldest
/// <c>go_1_XX</c> of whatever nixpkgs it is evaluated with that satisfies it, so moving to another nixpkgs release
/// changes only the flake's input, and no table of releases in nixgen can go stale.
/// </summary>
/// <param name="Version">The minimum (<c>1.23.0</c>), or null when no service states one: nixpkgs' default <c>go</c>.</param>
/// <param name="Why">Where the minimum comes from, for the flake's comment.</param>
internal sealed record GoRequirement(string? Version, string Why)
{
    /// <summary>The series of the minimum (<c>1.23</c>), or <c>default</c>.</summary>
    public string Series => Version is null ? "default" : GoVersions.Series(Version);

    /// <summary>The flake-wide requirement: <c>go:</c> in nixgen.yaml, else the highest <c>go</c> line of the services.</summary>
    public static GoRequirement Of(Repository repo, NixGenConfig config)
    {
        if (config.Go is { } pinned)
        {
            return new GoRequirement(pinned, $"Go >= {pinned}, set by `go:` in nixgen.yaml.");
        }

        var best = repo.Services
            .Where(s => s.Module.Mod.GoVersion is not null)
            .OrderByDescending(s => s.Module.Mod.GoVersion!, Comparer<string>.Create(GoVersions.CompareGo))
            .ThenBy(s => s.Module.Dir, StringComparer.Ordinal)
            .FirstOrDefault();
        return best is null
            ? new GoRequirement(null, "no service has a `go` line: the default Go of nixpkgs.")
            : new GoRequirement(best.Module.Mod.GoVersion, $"Go >= {best.Module.Mod.GoVersion}: the highest `go` line among the services ({best.GoModFile}).");
    }

    /// <summary>A service's own minimum (<c>services.&lt;dir&gt;.go</c>), or null when it builds with the flake's.</summary>
    public static GoRequirement? ForService(Service service, ServiceConfig config) =>
        config.Go is { } pinned
            ? new GoRequirement(pinned, $"Go >= {pinned} for this service, set by `services.{service.Module.Dir}.go` in nixgen.yaml.")
            : null;
}
