using NixGen.Output;

namespace NixGen.Tests.Support;

/// <summary>
/// Snapshot assertions with Verify's conventions: <c>Name.verified.ext</c> is the approved output; on a mismatch
/// <c>Name.received.ext</c> is written beside it and the failure shows a unified diff. Set
/// <c>NIXGEN_ACCEPT_SNAPSHOTS=1</c> (or Verify's <c>DiffEngine_Disabled</c>-free way: delete and rerun) to accept.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "NIXGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string directory, string name, string extension, string actual)
    {
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        var diff = UnifiedDiff.Create(expected ?? "", actual, expected is null ? "/dev/null" : verified, received);
        Assert.Fail($"Snapshot {name}.verified.{extension} {(expected is null ? "does not exist yet" : "differs")}.\n{diff}\nAccept with {AcceptVariable}=1 or by moving {received} to {verified}.");
    }
}
