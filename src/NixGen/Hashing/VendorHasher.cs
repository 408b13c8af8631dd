using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Planning;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// The <c>local</c> strategy: <c>go mod vendor</c> in a scratch copy of the service and its local replace targets,
/// with one shared module cache, then the NAR hash of <c>vendor/</c> computed in-process.
/// </summary>
internal sealed class VendorHasher(ToolRunner runner, GoEnvironment environment, bool verifyWithNix = false, string localGo = "unknown") : IVendorHasher
{
    /// <summary>
    /// Why the local go cannot vendor a module, or null: a go older than the module's <c>go</c> line either refuses it
    /// (1.21+) or vendors it with an older modules.txt format than the flake's Go writes.
    /// </summary>
    public static string? TooOld(string localGo, string? moduleGo)
    {
        if (moduleGo is null || !localGo.StartsWith("go", StringComparison.Ordinal) || !GoVersions.IsGoVersion(localGo[2..]))
        {
            return null;
        }

        return GoVersions.CompareGo(localGo[2..], moduleGo) < 0
            ? $"the local go is {localGo}, older than the module's `go {moduleGo}` line: install Go {moduleGo} or later (or set NIXGEN_GO), or use --strategy nix"
            : null;
    }

    /// <summary>Computes the vendor result of one service.</summary>
    public async Task<VendorResult> HashAsync(Repository repo, Service service, CancellationToken cancellationToken)
    {
        var module = service.Module;
        if (VendorShortcuts.Classify(service) is { } known)
        {
            return known;
        }

        if (TooOld(localGo, module.Mod.GoVersion) is { } complaint)
        {
            throw new ToolException(complaint, new ToolFailure("go", ToolFailureKind.Unusable, "go version"), service.Name);
        }

        var scratch = Scratch.Create(environment.ScratchDir, "nixgen-vendor-");
        try
        {
            // Exactly the service's source set, as the fixed-output derivation's src holds it.
            TreeCopier.CopyFiles(repo.Root, scratch.FullName, service.Source.Files);

            var workDir = Path.Combine(scratch.FullName, module.Dir);
            Directory.CreateDirectory(environment.CacheDir);
            var result = await runner.RunAsync("go", a => a.Add("mod").Add("vendor"), workDir, environment.ForGo(), cancellationToken, throwOnFailure: false)
                .ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var message = result.StandardError.Trim();
                if (message.Contains("no dependencies to vendor", StringComparison.Ordinal))
                {
                    return new VendorResult(null, false, "no dependencies to vendor");
                }

                throw new ToolException($"go mod vendor failed in {module.Dir}:\n    " + message.Replace("\n", "\n    ", StringComparison.Ordinal),
                    new ToolFailure("go", ToolFailureKind.Failed, "go mod vendor", result.ExitCode, message), service.Name);
            }

            var vendor = Path.Combine(workDir, "vendor");
            if (!Directory.Exists(vendor) || !Directory.EnumerateFileSystemEntries(vendor).Any())
            {
                return new VendorResult(null, false, "go mod vendor produced nothing");
            }

            var modulesTxt = VendorModule.Read(Path.Combine(vendor, "modules.txt"));
            if (modulesTxt.Count > 0 && modulesTxt.All(m => m.IsLocal))
            {
                return new VendorResult(null, true, "only local replaces: built from source with proxyVendor, nothing to fetch");
            }

            var hash = NarHasher.HashPath(vendor);
            if (verifyWithNix)
            {
                var nix = await runner.RunAsync("nix", a => a.Add(["--extra-experimental-features", "nix-command", "hash", "path", vendor]),
                    workDir, new Dictionary<string, string?>(), cancellationToken).ConfigureAwait(false);
                var nixHash = nix.StandardOutput.Trim();
                if (nixHash != hash)
                {
                    throw new ToolException($"NAR hash mismatch for vendor/: nixgen computed {hash}, nix hash path says {nixHash}", new ToolFailure("nix", ToolFailureKind.Unusable, "nix hash path"), service.Name);
                }
            }

            return new VendorResult(hash, false, $"{modulesTxt.Count(m => !m.IsLocal)} remote module(s) vendored");
        }
        finally
        {
            TreeCopier.DeleteTree(scratch.FullName);
        }
    }
}
