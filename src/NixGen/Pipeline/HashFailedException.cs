using NixGen.Hashing;
using NixGen.Processes;

namespace NixGen.Pipeline;

/// <summary>Some services could not be hashed: the message says why (once per cause); the others' results are kept.</summary>
internal sealed class HashFailedException(string message, IReadOnlyList<ServiceReport> hashed, IReadOnlyList<HashFailure> failures) : ToolException(message)
{
    /// <summary>The services that were hashed or reused.</summary>
    public IReadOnlyList<ServiceReport> Hashed { get; } = hashed;

    public IReadOnlyList<HashFailure> Failures { get; } = failures;
}
