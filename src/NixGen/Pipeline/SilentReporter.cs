using NixGen.Hashing;

namespace NixGen.Pipeline;

/// <summary>Reports nothing.</summary>
internal sealed class SilentReporter : IReporter
{
    public void ServiceStatus(string service, ServiceState state, string detail = "")
    {
    }

    public void Progress(string message)
    {
    }

    public void Warn(string message)
    {
    }

    public void Verbose(string message)
    {
    }
}
