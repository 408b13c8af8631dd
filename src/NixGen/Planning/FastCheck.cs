using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>
/// A no-op <c>check</c> without the pipeline: when nixgen.lock's record of the run that wrote it matches the inputs
/// (<see cref="InputDigest"/>) and the generated files on disk, nothing can be stale, so nothing is parsed, planned or
/// rendered. Any difference falls back to the full check.
/// </summary>
internal static class FastCheck
{
    /// <summary>When everything is current, the number of services and the files nixgen.lock says were generated; else null.</summary>
    /// <param name="trustedIn">
    /// nixgen's cache when the lock may come from someone else (in CI, where pull requests are checked): then only a lock
    /// this machine's nixgen rendered is trusted (<see cref="TrustedLocks"/>), since anyone can recompute its digests
    /// for a flake.nix of their own. Null on a developer's machine, where the repository is their own.
    /// </param>
    public static (int Services, IReadOnlyCollection<string> Files)? Current(string root, string? go, string? strategy, string? trustedIn)
    {
        var paths = new Trust.RepoPaths(root);
        paths.CheckInputs([]);
        var lockPath = Path.Combine(root, LockFile.FileName);
        if (!File.Exists(lockPath) || trustedIn is not null && !TrustedLocks.Contains(trustedIn, File.ReadAllText(lockPath)))
        {
            return null;
        }

        LockFile lockFile;
        try
        {
            lockFile = LockFile.Load(lockPath);
        }
        catch (Config.ConfigException)
        {
            return null; // the full check says what is wrong with it
        }

        if (lockFile.Generated is not { } generated)
        {
            return null;
        }

        foreach (var (file, digest) in generated.Files)
        {
            // Never through a link: a generated file below a linked directory is not nixgen's (the full check says so).
            var path = paths.TryOutput(file);
            if (path is null || !File.Exists(path) || InputDigest.FileDigest(path).TrimEnd('x') != digest)
            {
                return null;
            }
        }

        // The module modes: a flake.nix that does not import the module gets the full check's warning.
        var flake = Path.Combine(root, "flake.nix");
        if (!generated.Files.ContainsKey("flake.nix") && File.Exists(flake)
            && !generated.Files.Keys.Any(f => f.EndsWith(".nix", StringComparison.Ordinal) && File.ReadAllText(flake).Contains(Path.GetFileName(f), StringComparison.Ordinal)))
        {
            return null;
        }

        var view = RepoView.Load(root);
        return InputDigest.Compute(view, GoToolchain.VendorFormatOf(GoToolchain.LocalVersion(go)), strategy, [.. generated.Files.Keys]) == generated.Inputs
            ? (lockFile.Services.Count, [.. generated.Files.Keys])
            : null;
    }
}
