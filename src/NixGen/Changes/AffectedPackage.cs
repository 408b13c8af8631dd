namespace NixGen.Changes;

/// <summary>A package whose derivation differs between two commits, and why.</summary>
internal sealed record AffectedPackage(string Package, string Service, IReadOnlyList<AffectedReason> Reasons);
