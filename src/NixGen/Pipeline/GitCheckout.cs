using System.Diagnostics;
using System.Formats.Tar;
using NixGen.Discovery;

namespace NixGen.Pipeline;

/// <summary>
/// The files of the repository at one commit, as a clean git flake's <c>self</c> holds them: <c>git archive</c> of the
/// flake's directory at that commit, unpacked into a temporary directory (deleted on dispose).
/// </summary>
internal sealed class GitCheckout : IDisposable
{
    private GitCheckout(string path) => Path = path;

    public string Path { get; }

    public static GitCheckout Of(string root, string rev)
    {
        var prefix = Git(root, ["rev-parse", "--show-prefix"]).Trim();
        // Unpacking is file creation: the RAM-backed scratch directory when there is one.
        var target = Hashing.Scratch.Create("nixgen-checkout-").FullName;
        try
        {
            var psi = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "archive", "--format=tar", prefix.Length == 0 ? rev : $"{rev}:{prefix.TrimEnd('/')}" })
            {
                psi.ArgumentList.Add(a);
            }

            using var git = Process.Start(psi) ?? throw new RepoException(root, "cannot start git");
            var stderr = git.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            git.StandardOutput.BaseStream.CopyTo(buffer);
            git.WaitForExit();
            if (git.ExitCode != 0)
            {
                throw new RepoException(root, $"git archive {rev}: {stderr.Result.Trim()}");
            }

            buffer.Position = 0;
            TarFile.ExtractToDirectory(buffer, target, overwriteFiles: false);
            return new GitCheckout(target);
        }
        catch
        {
            Hashing.TreeCopier.DeleteTree(target);
            throw;
        }
    }

    private static string Git(string root, string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var git = Process.Start(psi) ?? throw new RepoException(root, "cannot start git");
        var stderr = git.StandardError.ReadToEndAsync();
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new RepoException(root, $"git {string.Join(' ', args)}: {stderr.Result.Trim()}");
    }

    public void Dispose() => Hashing.TreeCopier.DeleteTree(Path);
}
