using System.Collections.Concurrent;
using NixGen.GoModules;
using NixGen.Planning;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// Modules mode: the SRI sha256 of each module's .mod and .zip exactly as the configured proxy serves them (what the
/// flake's fetchurl checks). Hashes already in nix/go-modules.json for the same proxy are kept (their proxy path and name
/// re-derived from go.sum's module and version; none with <c>update --force</c> or <c>check --verify</c>); the rest
/// are downloaded once into nixgen's cache (by proxy), checked against go.sum (Go's h1: hashes, as `go mod vendor` in
/// the build will) and hashed. No Go runs: the hashes do not depend on Go.
/// </summary>
internal sealed class ModuleFileHasher(string cacheDir)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task<ModulesData> HashAsync(
        string goproxy, IReadOnlyDictionary<string, ModuleNeed> needs, ModulesData? previous, CancellationToken cancellationToken)
    {
        var known = previous?.Goproxy == goproxy ? previous.Modules : new Dictionary<string, ModuleEntry>();
        var result = new ConcurrentDictionary<string, ModuleEntry>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(needs.Select(async need =>
        {
            var (key, (path, version, modSum, zipSum)) = need;
            var zip = zipSum is not null;
            // Kept only as hashes of this go.sum line's module: the proxy path and name are derived again, so a hand-edited
            // one is a diff (stale), and an entry that names another module or holds no SRI hash is fetched again.
            if (known.TryGetValue(key, out var old) && old.Rederived(path, version, zip) is { } kept)
            {
                result[key] = kept;
                return;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var escaped = ModuleProxyPath.Of(path, version);
                var mod = await FileHashAsync(goproxy, escaped + ".mod", modSum, GoDirHash.OfGoMod, cancellationToken).ConfigureAwait(false);
                var zipHash = zip
                    ? await FileHashAsync(goproxy, escaped + ".zip", zipSum, bytes => GoDirHash.OfZip(new MemoryStream(bytes)), cancellationToken).ConfigureAwait(false)
                    : null;
                result[key] = ModuleEntry.Of(path, version, mod, zipHash);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException or UnauthorizedAccessException or InvalidDataException)
            {
                failures.Add($"{key}: {e.Message}");
            }
            catch (SumMismatchException e)
            {
                failures.Add($"{key}: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        if (!failures.IsEmpty)
        {
            throw new ToolException($"modules mode: cannot fetch module files from {goproxy}:\n    " + string.Join("\n    ", failures.Order(StringComparer.Ordinal).Take(10)),
                new ToolFailure("goproxy", ToolFailureKind.Failed, "GET " + goproxy, Output: string.Join("\n", failures.Order(StringComparer.Ordinal))));
        }

        return new ModulesData(goproxy, result);
    }

    /// <summary>
    /// The SRI sha256 of one proxy file, after checking it against its go.sum line (<paramref name="sum"/>, when there
    /// is one): a file go.sum rejects would give a hash fetchurl accepts and a build whose `go mod vendor` fails. A
    /// cached copy that no longer matches is fetched again once.
    /// </summary>
    private async Task<string> FileHashAsync(string goproxy, string file, string? sum, Func<byte[], string> goHash, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(cacheDir, "modules", Digest.Of(goproxy)[..16], file);
        for (var attempt = 0; ; attempt++)
        {
            await DownloadAsync(goproxy, file, cached, cancellationToken).ConfigureAwait(false);
            var bytes = await File.ReadAllBytesAsync(cached, cancellationToken).ConfigureAwait(false);
            var actual = sum is null ? null : goHash(bytes);
            if (actual == sum)
            {
                return Nix.SriHash.OfFlat(bytes);
            }

            File.Delete(cached);
            if (attempt > 0)
            {
                throw new SumMismatchException($"{goproxy}/{file} is not the file go.sum records (go.sum: {sum}, served: {actual}); the proxy serves other content for this version: check `goproxy:`");
            }
        }
    }

    private static async Task DownloadAsync(string goproxy, string file, string cached, CancellationToken cancellationToken)
    {
        if (!File.Exists(cached))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            var temp = cached + $".{Environment.ProcessId}.tmp";
            if (goproxy.StartsWith("file://", StringComparison.Ordinal))
            {
                File.Copy(Path.Combine(goproxy["file://".Length..], file), temp, overwrite: true);
            }
            else
            {
                using var response = await Http.GetAsync($"{goproxy}/{file}", cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                await File.WriteAllBytesAsync(temp, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, cached, overwrite: true);
        }
    }

    private sealed class SumMismatchException(string message) : Exception(message);
}
