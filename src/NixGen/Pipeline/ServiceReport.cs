namespace NixGen.Pipeline;

/// <summary>What happened to one service in a run: its hash, whether it was reused (from the lock, or from the result cache), and why it changed.</summary>
internal sealed record ServiceReport(string Name, string ModRoot, string? VendorHash, bool ProxyVendor, string Strategy, string Go, bool Reused, IReadOnlyList<string> Reasons, string? PreviousHash, bool FromCache = false);
