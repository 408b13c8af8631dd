namespace NixGen.Hashing;

/// <summary>What the hashing stage reports while it runs: each service's state, the run's steps, details.</summary>
internal interface IHashReporter
{
    void ServiceStatus(string service, ServiceState state, string detail = "");

    /// <summary>A step of the whole run (e.g. fetching modules), not of one service.</summary>
    void Progress(string message);

    void Verbose(string message);
}
