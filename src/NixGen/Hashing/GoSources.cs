using NixGen.Config;

namespace NixGen.Hashing;

/// <summary><c>goSource: upstream</c>: the sha256 of each Go minimum's source release.</summary>
internal sealed class GoSources(GoEnvironment environment, IHashReporter reporter)
{
    /// <summary>
    /// Kept from nixgen.lock while the minimum stays, else read from go.dev's release list; empty when the
    /// configuration does not build Go from upstream.
    /// </summary>
    /// <param name="minimums">The Go minimum of each service and of the flake (null where none is stated).</param>
    /// <param name="locked">What nixgen.lock recorded, by minimum.</param>
    /// <param name="fresh"><c>--force</c> / <c>--verify</c>: ask go.dev again, trusting nothing the lock says.</param>
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        NixGenConfig config, IEnumerable<string?> minimums, IReadOnlyDictionary<string, string> locked, bool fresh, CancellationToken cancellationToken)
    {
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!config.GoUpstream)
        {
            return sources;
        }

        var wanted = minimums.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new ConfigException($"{config.Where("goSource")}: goSource: upstream needs a Go release to build: a `go` line in the services' go.mod or `go:` in nixgen.yaml");
        }

        var downloads = environment.PassThrough.GetValueOrDefault(GoSourceRelease.DownloadsVariable) ?? GoSourceRelease.DefaultDownloads;
        foreach (var version in wanted)
        {
            sources[version] = !fresh && locked.TryGetValue(version, out var known)
                ? known
                : await GoSourceRelease.SourceHashAsync(GoModules.GoVersions.ReleaseOf(version), downloads, cancellationToken).ConfigureAwait(false);
            reporter.Verbose($"nixgen: Go {version} from go.dev's source: {sources[version]}");
        }

        return sources;
    }
}
