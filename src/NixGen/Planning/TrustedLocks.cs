namespace NixGen.Planning;

/// <summary>
/// The nixgen.lock texts this machine's nixgen rendered itself, kept in nixgen's cache (outside every repository). The
/// no-op <c>check</c> trusts a lock's record of the run that wrote it only when the lock is one of them: the record is
/// a set of plain sha256 digests that anyone editing the repository can recompute for a flake.nix of their own, so a
/// lock from elsewhere (a pull request, on a CI machine) always gets the full check.
/// </summary>
internal static class TrustedLocks
{
    public static void Record(string cacheDir, string lockText)
    {
        try
        {
            var path = PathOf(cacheDir, lockText);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, []);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a later check's speed depends on it.
        }
    }

    public static bool Contains(string cacheDir, string lockText) => File.Exists(PathOf(cacheDir, lockText));

    private static string PathOf(string cacheDir, string lockText) =>
        Path.Combine(cacheDir, "trusted-locks", Digest.Of(lockText));
}
