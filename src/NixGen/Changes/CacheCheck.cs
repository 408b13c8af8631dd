using System.Globalization;
using System.Text.Json;
using NixGen.Config;
using NixGen.Nix;
using NixGen.Processes;

namespace NixGen.Changes;

/// <summary>Where one affected package's out path already is, on one system: the cache that holds it, or none (a miss).</summary>
/// <param name="VendorCache">For a miss: the cache that holds its fixed-output <c>goModules</c> (the build then fetches no module).</param>
internal sealed record CacheLookup(string Package, string System, string? OutPath, string? Cache, string? VendorCache = null);

/// <summary>
/// A cache-aware plan: each affected package's out path is evaluated (no build) and every binary cache is asked for its
/// <c>&lt;hash&gt;.narinfo</c>, as a substituter would; a package every system finds in a cache needs no job.
/// </summary>
/// <param name="cachixToken">A Cachix auth token (<c>CACHIX_AUTH_TOKEN</c>): sent to <c>*.cachix.org</c>, so private caches answer.</param>
internal sealed class CacheCheck(ToolRunner runner, HttpClient http, string? cachixToken = null)
{
    /// <summary>The caches of nixgen.yaml as substituter URLs: Cachix ones as <c>https://NAME.cachix.org</c>.</summary>
    public static IEnumerable<string> Configured(NixGenConfig config) => config.Caches.Select(c => c.Url);

    /// <summary>
    /// The out path of each of <paramref name="packages"/> on each of <paramref name="systems"/> (the current one when empty),
    /// from the flake in <paramref name="root"/>, in one <c>nix eval</c>; a package the flake does not have is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Package, string System), (string Path, string? Vendor)>> OutPathsAsync(
        string root, IReadOnlyCollection<string> packages, IReadOnlyCollection<string> systems, CancellationToken ct)
    {
        var flakeRef = Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")) ? "git+file://" + root : "path:" + root;
        var names = string.Join(" ", packages.Select(NixString.Quote));
        var wanted = systems.Count == 0 ? "[ builtins.currentSystem ]" : "[ " + string.Join(" ", systems.Select(NixString.Quote)) + " ]";
        var expr = $$"""
            let
              flake = builtins.getFlake {{NixString.Quote(flakeRef)}};
              of = system: let ps = flake.packages.${system} or { }; in
                map (n: {
                  package = n;
                  inherit system;
                  path = ps.${n}.outPath;
                  # The fixed-output vendor derivation ("" without one, as buildGoModule has it).
                  vendor = let g = ps.${n}.goModules or ""; in if builtins.isAttrs g then g.outPath else null;
                }) (builtins.filter (n: ps ? ${n}) [ {{names}} ]);
            in builtins.concatMap of {{wanted}}
            """;
        var result = await runner.RunAsync(
            "nix", a => a.Add(["--extra-experimental-features", "nix-command flakes", "eval", "--impure", "--json", "--expr", expr]),
            root, new Dictionary<string, string?>(), ct).ConfigureAwait(false);
        // `path`, not `outPath`: a set with an outPath serialises to that string.
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.EnumerateArray().ToDictionary(
            e => (e.GetProperty("package").GetString()!, e.GetProperty("system").GetString()!),
            e => (e.GetProperty("path").GetString()!, e.TryGetProperty("vendor", out var v) ? v.GetString() : null));
    }

    /// <summary>The first of <paramref name="caches"/> that has <paramref name="outPath"/> (its narinfo exists), else null.</summary>
    public async Task<string?> FindAsync(string outPath, IReadOnlyList<string> caches, CancellationToken ct)
    {
        var name = outPath[(outPath.LastIndexOf('/') + 1)..];
        var hash = name.Split('-')[0];
        foreach (var cache in caches)
        {
            var narinfo = cache.TrimEnd('/') + "/" + hash + ".narinfo";
            if (narinfo.StartsWith("file://", StringComparison.Ordinal))
            {
                if (File.Exists(new Uri(narinfo).LocalPath))
                {
                    return cache;
                }

                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(narinfo));
            if (cachixToken is { Length: > 0 } && request.RequestUri!.Host.EndsWith(".cachix.org", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cachixToken);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return cache;
            }

            if ((int)response.StatusCode is not (404 or 403 or 410))
            {
                throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{narinfo}: HTTP {(int)response.StatusCode}"));
            }
        }

        return null;
    }

    /// <summary>Every (package, system) of <paramref name="packages"/>, with the cache that holds it.</summary>
    public async Task<IReadOnlyList<CacheLookup>> LookupAsync(
        string root, IReadOnlyCollection<string> packages, IReadOnlyCollection<string> systems, IReadOnlyList<string> caches, CancellationToken ct)
    {
        if (packages.Count == 0 || caches.Count == 0)
        {
            return [];
        }

        var paths = await OutPathsAsync(root, packages, systems, ct).ConfigureAwait(false);
        var lookups = new List<CacheLookup>();
        foreach (var ((package, system), (outPath, vendor)) in paths.OrderBy(p => p.Key.Package, StringComparer.Ordinal).ThenBy(p => p.Key.System, StringComparer.Ordinal))
        {
            var cache = await FindAsync(outPath, caches, ct).ConfigureAwait(false);
            var vendorCache = cache is null && vendor is not null ? await FindAsync(vendor, caches, ct).ConfigureAwait(false) : null;
            lookups.Add(new CacheLookup(package, system, outPath, cache, vendorCache));
        }

        return lookups;
    }
}
