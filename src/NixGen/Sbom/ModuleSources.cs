using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Hashing;
using NixGen.Planning;
using NixGen.Processes;

namespace NixGen.Sbom;

/// <summary>
/// Where the code of a service's remote modules is read from: its committed <c>vendor/</c>, else the module cache
/// nixgen vendors from (an extracted directory or the zip), else modules mode's copy of the zip. What none of them
/// holds is fetched with one <c>go mod download</c> into the module cache.
/// </summary>
internal sealed class ModuleSources(ToolRunner runner, GoEnvironment environment, string goproxy)
{
    private readonly Dictionary<string, ModuleTree?> _trees = new(StringComparer.Ordinal);

    /// <summary>Fetches every module version in <paramref name="wanted"/> (<c>path@version</c>) that no source holds.</summary>
    public async Task EnsureAsync(IEnumerable<string> wanted, CancellationToken cancellationToken)
    {
        var missing = wanted.Distinct(StringComparer.Ordinal).Where(m => Locate(m) is null).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var scratch = Scratch.Create(environment.ScratchDir, "nixgen-sbom-");
        try
        {
            Directory.CreateDirectory(environment.CacheDir);
            var env = new Dictionary<string, string?>(environment.ForGo(), StringComparer.Ordinal) { ["GOFLAGS"] = "-mod=mod" };
            await runner.RunAsync("go", a => a.Add("mod").Add("download").Add(missing), scratch.FullName, env, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TreeCopier.DeleteTree(scratch.FullName);
        }
    }

    /// <summary>
    /// Modules mode: fetches the zips no source holds from the configured proxy into the cache modules mode hashes
    /// from (<see cref="ModuleFileHasher"/>: checked against go.sum), in-process.
    /// </summary>
    public async Task EnsureZipsAsync(IReadOnlyDictionary<string, ModuleNeed> needs, CancellationToken cancellationToken)
    {
        var missing = needs.Where(n => Locate(n.Key) is null).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            await new ModuleFileHasher(environment.CacheDir).HashAsync(goproxy, missing, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The tree of a remote module version (<c>path@version</c>), or null when no source holds it.</summary>
    public ModuleTree? Remote(string moduleAtVersion)
    {
        if (!_trees.TryGetValue(moduleAtVersion, out var tree))
        {
            _trees[moduleAtVersion] = tree = Locate(moduleAtVersion) is { } found
                ? found.EndsWith(".zip", StringComparison.Ordinal) ? new ModuleTree.Zip(found) : new ModuleTree.Directory(found)
                : null;
        }

        return tree;
    }

    /// <summary>A committed vendor/ directory's copy of a module (vendor/ holds packages by import path).</summary>
    public static ModuleTree Vendored(string repoRoot, Service service, string modulePath) =>
        new ModuleTree.Directory(Path.Combine(repoRoot, service.Module.Dir, "vendor", modulePath));

    private string? Locate(string moduleAtVersion)
    {
        var at = moduleAtVersion.LastIndexOf('@');
        var (path, version) = (ModuleProxyPath.Escape(moduleAtVersion[..at]), ModuleProxyPath.Escape(moduleAtVersion[(at + 1)..]));
        var extracted = Path.Combine(environment.ModCache, path + "@" + version);
        if (Directory.Exists(extracted))
        {
            return extracted;
        }

        var zip = Path.Combine(environment.ModCache, "cache", "download", path, "@v", version + ".zip");
        if (File.Exists(zip))
        {
            return zip;
        }

        // Modules mode keeps the zips it hashed, by proxy (ModuleFileHasher).
        var proxyDir = Planning.Digest.Of(goproxy)[..16];
        var hashed = Path.Combine(environment.CacheDir, "modules", proxyDir, path, "@v", version + ".zip");
        return File.Exists(hashed) ? hashed : null;
    }
}
