using System.Security.Cryptography;
using System.Text;

namespace NixGen.Cli;

/// <summary>Keeps two nixgen runs on the same repository from interleaving their writes.</summary>
internal sealed class RepoLock(FileStream stream) : IDisposable
{
    public static async Task<RepoLock> AcquireAsync(string repo, CancellationToken ct)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(repo))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"nixgen-{key}.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new RepoLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (attempt < 300)
            {
                if (attempt == 0)
                {
                    await Console.Error.WriteLineAsync("nixgen: another nixgen run holds this repository; waiting (up to 5 minutes)").ConfigureAwait(false);
                }

                await Task.Delay(1000, ct).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
