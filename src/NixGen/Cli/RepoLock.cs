using NixGen.Trust;

namespace NixGen.Cli;

/// <summary>
/// Keeps two nixgen runs on the same repository from interleaving their writes. Keyed on the resolved root (so
/// <c>--repo dir/</c> or a symlinked path finds the same lock) and kept where a repository's content cannot plant
/// it: the repository's git directory, else <c>$XDG_RUNTIME_DIR</c>, else a private (0700) directory in the temp
/// directory; created 0600, never through a symbolic link.
/// </summary>
internal sealed class RepoLock(FileStream stream) : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<RepoLock> AcquireAsync(string repo, Func<string, string?> variable, TextWriter error, CancellationToken ct)
    {
        string path;
        try
        {
            path = PathFor(repo, variable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the directory of the repository lock: {e.Message}", e);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new RepoLock(Open(path));
            }
            catch (IOException e) when (IsHeld(e) && attempt < 300)
            {
                if (attempt == 0)
                {
                    await error.WriteLineAsync("nixgen: another nixgen run holds this repository; waiting (up to 5 minutes)").ConfigureAwait(false);
                }

                await Task.Delay(1000, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && !IsHeld(e))
            {
                throw new IOException($"cannot create the repository lock {path}: {e.Message}", e);
            }
        }
    }

    /// <summary>Where the lock of <paramref name="repo"/> lives (the same file for every spelling of the path).</summary>
    public static string PathFor(string repo, Func<string, string?> variable)
    {
        var resolved = RepoPaths.Resolve(repo);
        var key = Planning.Digest.Of(resolved)[..16];
        return Path.Combine(GitDir(resolved) ?? RuntimeDir(variable), $"nixgen-{key}.lock");
    }

    /// <summary>An exclusive lock's conflict (EWOULDBLOCK from flock), as opposed to a directory that is missing or read-only.</summary>
    private static bool IsHeld(Exception e) => e.GetType() == typeof(IOException) && e.HResult is 11 or 35;

    private static FileStream Open(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new UnauthorizedAccessException($"{path} is a symbolic link; nixgen does not follow it");
        }

        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, UnixCreateMode = Private };
        return new FileStream(path, options);
    }

    /// <summary>The git directory of the work tree holding <paramref name="resolved"/> (a clone makes it; no commit can put a file in it).</summary>
    private static string? GitDir(string resolved)
    {
        for (var d = new DirectoryInfo(resolved); d is not null; d = d.Parent)
        {
            var git = Path.Combine(d.FullName, ".git");
            if (Directory.Exists(git) && new DirectoryInfo(git).LinkTarget is null)
            {
                return git;
            }

            if (File.Exists(git))
            {
                // A linked work tree or submodule: ".git" is a file saying "gitdir: PATH".
                var line = File.ReadLines(git).FirstOrDefault() ?? "";
                var dir = line.StartsWith("gitdir: ", StringComparison.Ordinal) ? Path.GetFullPath(line[8..].Trim(), d.FullName) : null;
                return dir is not null && Directory.Exists(dir) ? dir : null;
            }
        }

        return null;
    }

    private static string RuntimeDir(Func<string, string?> variable)
    {
        if (variable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime))
        {
            return runtime;
        }

        var dir = Path.Combine(Path.GetTempPath(), "nixgen-" + Environment.UserName);
        var info = Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (info.LinkTarget is not null || (info.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UnauthorizedAccessException($"{dir} is a symbolic link or writable by others; nixgen keeps its repository lock only in a private directory (set XDG_RUNTIME_DIR)");
        }

        return dir;
    }

    public void Dispose() => stream.Dispose();
}
