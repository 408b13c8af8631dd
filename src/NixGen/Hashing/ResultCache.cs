using System.Text.Json;
using System.Text.Json.Nodes;
using NixGen.Json;
using NixGen.Planning;

namespace NixGen.Hashing;

/// <summary>
/// Results by fingerprint, in the user's cache (<c>$XDG_CACHE_HOME/nixgen/results</c>), written as soon as a service
/// is hashed. A run that fails for one service writes no repository file, but the services it did hash are not
/// lost: the next run (or another branch with the same inputs) reuses them without starting a process.
/// </summary>
internal sealed class ResultCache(string directory)
{
    public string Directory { get; } = directory;

    /// <param name="key">The service's <see cref="ServicePlan.CacheKey"/>.</param>
    public VendorResult? TryGet(string key)
    {
        var path = Path.Combine(Directory, key + ".json");
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new VendorResult((string?)o["vendorHash"], (bool?)o["proxyVendor"] ?? false, (string?)o["why"] ?? "");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or NullReferenceException or UnauthorizedAccessException)
        {
            // A damaged or unreadable entry is a miss, never an error: the hash is simply computed again.
            return null;
        }
    }

    public void Put(string key, VendorResult result)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var json = JsonText.Line(new JsonObject { ["proxyVendor"] = result.ProxyVendor, ["vendorHash"] = result.VendorHash, ["why"] = result.Why });
            var temp = Path.Combine(Directory, $".{key}.{Environment.ProcessId}.tmp");
            File.WriteAllText(temp, json);
            File.Move(temp, Path.Combine(Directory, key + ".json"), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full cache directory must not fail the run.
        }
    }
}
