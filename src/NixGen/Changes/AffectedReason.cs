namespace NixGen.Changes;

/// <summary>Why a package must be built again, classified like a cache-miss report.</summary>
/// <param name="Kind"><c>source</c>, <c>dependency</c>, <c>toolchain</c>, <c>configuration</c>, <c>nixpkgs</c>, <c>nixgen</c> or <c>new</c>.</param>
internal sealed record AffectedReason(string Kind, string Detail);
