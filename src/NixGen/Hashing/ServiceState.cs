namespace NixGen.Hashing;

/// <summary>Where one service is in a run, as the reporters show it.</summary>
internal enum ServiceState
{
    /// <summary>Waiting for a hashing slot (detail: why it is hashed).</summary>
    Queued,

    /// <summary><c>go mod vendor</c> (or the nix build) is running.</summary>
    Vendoring,

    /// <summary>Hashed in this run (detail: the hash).</summary>
    Hashed,

    /// <summary>Every input matches nixgen.lock.</summary>
    Reused,

    /// <summary>Taken from the result cache by fingerprint (detail: why it changed).</summary>
    Cached,

    /// <summary>Hashing failed (the message is reported once per root cause).</summary>
    Failed,
}
