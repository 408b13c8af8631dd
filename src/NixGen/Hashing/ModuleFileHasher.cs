using System.Collections.Concurrent;
using System.Security.Cryptography;
using NixGen.Planning;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// Modules mode: the SRI sha256 of each module's .mod and .zip exactly as the configured proxy serves them (what the
/// flake's fetchurl checks). Entries already in nix/go-modules.json for the same proxy are kept as they are; the rest
/// are downloaded once into nixgen's cache (by proxy) and hashed. No Go runs: the hashes do not depend on Go.
/// </summary>
internal sealed class ModuleFileHasher(string cacheDir)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task<ModulesData> HashAsync(
        string goproxy, IReadOnlyDictionary<string, (string Path, string Version, bool Zip)> needs, ModulesData? previous, CancellationToken cancellationToken)
    {
        var known = previous?.Goproxy == goproxy ? previous.Modules : new Dictionary<string, ModuleEntry>();
        var result = new ConcurrentDictionary<string, ModuleEntry>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(needs.Select(async need =>
        {
            var (key, (path, version, zip)) = need;
            if (known.TryGetValue(key, out var old) && (old.Zip is not null || !zip))
            {
                result[key] = old with { Zip = zip ? old.Zip : null };
                return;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var escaped = $"{ModulesData.Escape(path)}/@v/{ModulesData.Escape(version)}";
                var mod = await FileHashAsync(goproxy, escaped + ".mod", cancellationToken).ConfigureAwait(false);
                var zipHash = zip ? await FileHashAsync(goproxy, escaped + ".zip", cancellationToken).ConfigureAwait(false) : null;
                result[key] = new ModuleEntry(path, version, escaped, ModulesData.NameOf(path, version), mod, zipHash);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException or UnauthorizedAccessException)
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
            throw new ToolException($"modules mode: cannot fetch module files from {goproxy}:\n    " + string.Join("\n    ", failures.Order(StringComparer.Ordinal).Take(10)));
        }

        return new ModulesData(goproxy, result);
    }

    private async Task<string> FileHashAsync(string goproxy, string file, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(cacheDir, "modules", Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(goproxy)))[..16], file);
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

        await using var stream = File.OpenRead(cached);
        return "sha256-" + Convert.ToBase64String(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
