namespace NixGen.Planning;

/// <summary>What buildGoModule needs to fetch a service's dependencies: <c>vendorHash</c> (null for none) and <c>proxyVendor</c>.</summary>
internal sealed record VendorResult(string? VendorHash, bool ProxyVendor, string Why);
