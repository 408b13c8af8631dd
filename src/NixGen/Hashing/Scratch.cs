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
    private static readonly Lazy<string> Root = new(Choose);

    public static string Directory => Root.Value;

    /// <summary>A new private (0700) directory named <paramref name="prefix"/> plus a random suffix.</summary>
    public static DirectoryInfo Create(string prefix)
    {
        while (true)
        {
            var path = Path.Combine(Root.Value, prefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
            if (!System.IO.Directory.Exists(path))
            {
                return System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    private static string Choose()
    {
        var configured = Environment.GetEnvironmentVariable("NIXGEN_SCRATCH");
        if (!string.IsNullOrEmpty(configured))
        {
            System.IO.Directory.CreateDirectory(configured);
            return configured;
        }

        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), "/dev/shm" })
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
