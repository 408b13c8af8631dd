namespace NixGen.Pipeline;

/// <summary>Where stages report progress; the CLI prints it, tests stay silent.</summary>
internal interface IReporter
{
    void ServiceStatus(string service, ServiceState state, string detail = "");

    /// <summary>A step of the whole run (e.g. fetching modules), not of one service.</summary>
    void Progress(string message);

    void Warn(string message);

    void Verbose(string message);
}
