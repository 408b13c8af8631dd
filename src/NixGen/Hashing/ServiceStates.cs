namespace NixGen.Hashing;

/// <summary>The words a reporter shows for a state.</summary>
internal static class ServiceStates
{
    public static string Describe(ServiceState state, string detail) => (state, detail) switch
    {
        (ServiceState.Queued, _) => "queued: " + detail,
        (ServiceState.Vendoring, _) => "vendoring",
        (ServiceState.Hashed, _) => "hashed: " + detail,
        (ServiceState.Reused, _) => "reused",
        (ServiceState.Cached, _) => "reused from cache: " + detail,
        _ => "failed",
    };
}
