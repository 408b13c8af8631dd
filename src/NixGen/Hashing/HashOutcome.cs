using NixGen.Planning;

namespace NixGen.Hashing;

/// <summary>What hashing produced: a result for every service that has one, and the failures.</summary>
/// <param name="FromCache">Services whose result came from the result cache.</param>
internal sealed record HashOutcome(IReadOnlyDictionary<string, VendorResult> Results, IReadOnlySet<string> FromCache, IReadOnlyList<HashFailure> Failures);
