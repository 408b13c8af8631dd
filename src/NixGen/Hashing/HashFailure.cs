namespace NixGen.Hashing;

/// <summary>One service that could not be hashed, with the tool's message.</summary>
/// <param name="Dir">The service's directory and <paramref name="Module"/> its module path: a message that differs between
/// services only by those has one cause.</param>
internal sealed record HashFailure(string Service, string Message, string Dir = "", string Module = "")
{
    // Stand-ins for a service's own directory and module path while messages are grouped (no message holds a NUL).
    private const string DirSlot = "\0dir\0";
    private const string ModuleSlot = "\0module\0";

    /// <summary>
    /// One message per root cause: failures whose text is the same once the service's own name, directory and module
    /// path are taken out (a broken <c>go</c>, an unreachable proxy, nix offline) are said once, naming every service
    /// they hit, with their directories and modules where the message names them.
    /// </summary>
    public static string Summarize(IEnumerable<HashFailure> failures) =>
        string.Join("\n", failures
            .GroupBy(f => Cause(f), StringComparer.Ordinal)
            .Select(g => (Services: g.Select(f => f.Service).Order(StringComparer.Ordinal).ToList(), Cause: g.Key, Items: g.OrderBy(f => f.Service, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Services[0], StringComparer.Ordinal)
            .Select(g => g.Services.Count == 1
                ? g.Items[0].Message.StartsWith(g.Services[0] + ": ", StringComparison.Ordinal) ? g.Items[0].Message : $"{g.Services[0]}: {g.Items[0].Message}"
                : $"{g.Services.Count} services ({string.Join(", ", g.Services)}): " + g.Cause
                    .Replace(DirSlot, string.Join(", ", g.Items.Select(f => f.Dir).Distinct(StringComparer.Ordinal)), StringComparison.Ordinal)
                    .Replace(ModuleSlot, string.Join(", ", g.Items.Select(f => f.Module).Distinct(StringComparer.Ordinal)), StringComparison.Ordinal)));

    private static string Cause(HashFailure f)
    {
        var text = f.Message.StartsWith(f.Service + ": ", StringComparison.Ordinal) ? f.Message[(f.Service.Length + 2)..] : f.Message;
        if (f.Module.Length > 0)
        {
            text = text.Replace(f.Module, ModuleSlot, StringComparison.Ordinal);
        }

        return f.Dir.Length > 1 ? text.Replace(" in " + f.Dir + ":", " in " + DirSlot + ":", StringComparison.Ordinal) : text;
    }
}
