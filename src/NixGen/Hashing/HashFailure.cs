namespace NixGen.Hashing;

/// <summary>One service that could not be hashed: what failed (without the service's name) and the tool's failure as data.</summary>
/// <param name="Detail">The message without its subject (<see cref="Processes.ToolException.Detail"/>).</param>
/// <param name="Dir">The service's directory and <paramref name="Module"/> its module path: a message that differs between
/// services only by those has one cause.</param>
/// <param name="Failure">The tool, command, exit code and output; failures of different tools or exit codes never merge.</param>
internal sealed record HashFailure(string Service, string Detail, string Dir = "", string Module = "", Processes.ToolFailure? Failure = null)
{
    /// <summary>The failure of <paramref name="service"/>'s hashing, from the exception's data.</summary>
    public static HashFailure Of(string service, string dir, string module, Processes.ToolException e) =>
        new(service, e.Subject == service ? e.Detail : e.Message, dir, module, e.Failure) { Message = e.Message };

    /// <summary>The tool's whole message, as it was thrown (what <c>hash --json</c> reports).</summary>
    public string Message { get; init; } = "";

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
            .GroupBy(f => (f.Failure?.Tool, f.Failure?.Kind, f.Failure?.ExitCode, Cause: Cause(f)))
            .Select(g => (Services: g.Select(f => f.Service).Order(StringComparer.Ordinal).ToList(), g.Key.Cause, Items: g.OrderBy(f => f.Service, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Services[0], StringComparer.Ordinal)
            .Select(g => g.Services.Count == 1
                ? $"{g.Services[0]}: {g.Items[0].Detail}"
                : $"{g.Services.Count} services ({string.Join(", ", g.Services)}): " + g.Cause
                    .Replace(DirSlot, string.Join(", ", g.Items.Select(f => f.Dir).Distinct(StringComparer.Ordinal)), StringComparison.Ordinal)
                    .Replace(ModuleSlot, string.Join(", ", g.Items.Select(f => f.Module).Distinct(StringComparer.Ordinal)), StringComparison.Ordinal)));

    private static string Cause(HashFailure f)
    {
        var text = f.Detail;
        if (f.Module.Length > 0)
        {
            text = text.Replace(f.Module, ModuleSlot, StringComparison.Ordinal);
        }

        return f.Dir.Length > 1 ? text.Replace(" in " + f.Dir + ":", " in " + DirSlot + ":", StringComparison.Ordinal) : text;
    }
}
