namespace NixGen.Hashing;

/// <summary>
/// Where nixgen makes its throw-away trees (service copies, vendor/ output). Vendoring is dominated by file
/// creation and opens, so a RAM-backed directory is markedly faster than a disk one (measured: bench/README.md):
/// <c>NIXGEN_SCRATCH</c> if set, else <c>$XDG_RUNTIME_DIR</c> or <c>/dev/shm</c> when writable with room to spare
/// (containers often cap /dev/shm at 64 MB), else the system temp directory.
/// </summary>
internal static class Scratch
{
    private const long MinimumFreeBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>A new private (0700) directory in <paramref name="root"/> (<see cref="Choose"/>) named <paramref name="prefix"/> plus a random suffix.</summary>
    public static DirectoryInfo Create(string root, string prefix)
    {
        while (true)
        {
            var path = Path.Combine(root, prefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
            if (!System.IO.Directory.Exists(path))
            {
                return System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    /// <summary>Where a run with these variables makes its scratch trees (the caller's variables, not the process's).</summary>
    public static string Choose(Func<string, string?> variable)
    {
        var configured = variable("NIXGEN_SCRATCH");
        if (!string.IsNullOrEmpty(configured))
        {
            System.IO.Directory.CreateDirectory(configured);
            return configured;
        }

        foreach (var candidate in new[] { variable("XDG_RUNTIME_DIR"), "/dev/shm" })
        {
            if (!string.IsNullOrEmpty(candidate) && Usable(candidate))
            {
                return candidate;
            }
        }

        return Path.GetTempPath();
    }

    private static bool Usable(string dir)
    {
        try
        {
            if (!System.IO.Directory.Exists(dir) || new DriveInfo(dir).AvailableFreeSpace < MinimumFreeBytes)
            {
                return false;
            }

            var probe = Path.Combine(dir, $".nixgen-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
