using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Planning;

namespace NixGen.Tests.Support;

/// <summary>
/// A hashing strategy that reads the hashes from a file (<c>hashes.txt</c>: <c>service sha256-…</c> per line), so
/// the snapshot cases run the real pipeline without go or nix; services that fetch nothing are decided as usual.
/// </summary>
internal sealed class FileHasher(string hashesFile) : IVendorHasher
{
    private readonly Dictionary<string, string> _hashes = File.Exists(hashesFile)
        ? File.ReadAllLines(hashesFile).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
        : [];

    public Task<VendorResult> HashAsync(Repository repo, Service service, CancellationToken cancellationToken) =>
        Task.FromResult(VendorShortcuts.Classify(service)
            ?? (_hashes.TryGetValue(service.Name, out var h)
                ? new VendorResult(h, false, "from hashes.txt")
                : throw new InvalidOperationException($"{hashesFile} has no hash for {service.Name}")));
}
