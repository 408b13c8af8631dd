using NixGen.Hashing;

namespace NixGen.Pipeline;

/// <summary>Where stages report progress (the hashing stage's reports, and warnings); the CLI prints it, tests stay silent.</summary>
internal interface IReporter : IHashReporter
{
    void Warn(string message);
}
