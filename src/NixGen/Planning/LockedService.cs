namespace NixGen.Planning;

/// <summary>What nixgen.lock remembers of one service: its fingerprint, the modules of its go.sum, and the result.</summary>
internal sealed record LockedService(
    string Dir,
    IReadOnlyDictionary<string, string> Fingerprint,
    IReadOnlyDictionary<string, string> Modules,
    string? VendorHash,
    bool ProxyVendor,
    string Go,
    string Strategy,
    string Why);
