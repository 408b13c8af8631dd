using NixGen.Discovery;
using NixGen.Planning;

namespace NixGen.Hashing;

/// <summary>A hashing strategy: computes what buildGoModule needs for one service.</summary>
internal interface IVendorHasher
{
    Task<VendorResult> HashAsync(Repository repo, Service service, CancellationToken cancellationToken);
}
