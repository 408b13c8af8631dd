using System.Collections.Concurrent;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Planning;
using NixGen.Processes;
using NixGen.Rendering;

namespace NixGen.Pipeline;

/// <summary>What hashing produced: a result for every service that has one, and the failures.</summary>
/// <param name="FromCache">Services whose result came from the result cache.</param>
internal sealed record HashOutcome(IReadOnlyDictionary<string, VendorResult> Results, IReadOnlySet<string> FromCache, IReadOnlyList<HashFailure> Failures);
