using System.Formats.Tar;
using NixGen.Discovery;
using NixGen.Processes;

namespace NixGen.Changes;

/// <summary>
/// The files of the repository at one commit, as a clean git flake's <c>self</c> holds them: <c>git archive</c> of the
/// flake's directory at that commit, unpacked into a temporary directory (deleted on dispose).
/// </summary>
internal sealed class GitCheckout : IDisposable
{
    private static readonly Dictionary<string, string?> NoLocks = new() { ["GIT_OPTIONAL_LOCKS"] = "0" };

    private GitCheckout(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// The commit <paramref name="rev"/> names, verified as one before any other git command sees it (so a revision
    /// such as <c>--output=FILE</c> is never taken for an option); a <see cref="RepoException"/> when it names none.
    /// </summary>
    public static async Task<string> CommitAsync(ToolRunner runner, string root, string rev, string option, CancellationToken ct)
    {
        var result = await runner.RunAsync("git", a => a.Add(["rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"]), root, NoLocks, ct, throwOnFailure: false)
            .ConfigureAwait(false);
        var commit = result.StandardOutput.Trim();
        return result.ExitCode == 0 && commit.Length >= 40 && commit.All(char.IsAsciiHexDigitLower)
            ? commit
            : throw new RepoException(option, $"`{rev}` is not a commit of this repository (a branch, tag, or commit id, such as origin/main or HEAD~1)");
    }

    public static async Task<GitCheckout> OfAsync(ToolRunner runner, string root, string rev, string scratchDir, CancellationToken ct, string option = "--base")
    {
        var commit = await CommitAsync(runner, root, rev, option, ct).ConfigureAwait(false);
        var prefix = (await runner.RunAsync("git", a => a.Add(["rev-parse", "--show-prefix"]), root, NoLocks, ct).ConfigureAwait(false)).StandardOutput.Trim();
        // Unpacking is file creation: the RAM-backed scratch directory when there is one.
        var target = Hashing.Scratch.Create(scratchDir, "nixgen-checkout-").FullName;
        try
        {
            using var buffer = new MemoryStream();
            var archive = await runner.RunAsync(
                "git", a => a.Add(["archive", "--format=tar", prefix.Length == 0 ? commit : $"{commit}:{prefix.TrimEnd('/')}"]), root, NoLocks, ct, throwOnFailure: false, standardOutput: buffer)
                .ConfigureAwait(false);
            if (archive.ExitCode != 0)
            {
                throw new RepoException(root, $"git archive {rev}: {archive.StandardError.Trim()}");
            }

            buffer.Position = 0;
            await TarFile.ExtractToDirectoryAsync(buffer, target, overwriteFiles: false, ct).ConfigureAwait(false);
            return new GitCheckout(target);
        }
        catch
        {
            Hashing.TreeCopier.DeleteTree(target);
            throw;
        }
    }

    /// <summary>The synchronous form (tests).</summary>
    public static GitCheckout Of(string root, string rev) => OfAsync(new ToolRunner(), root, rev, System.IO.Path.GetTempPath(), CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose() => Hashing.TreeCopier.DeleteTree(Path);
}
