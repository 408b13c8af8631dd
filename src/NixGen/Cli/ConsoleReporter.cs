using NixGen.Hashing;
using NixGen.Pipeline;

namespace NixGen.Cli;

/// <summary>Prints progress as plain lines to stderr (stdout stays for results and JSON).</summary>
internal sealed class ConsoleReporter(TextWriter error, bool quiet, bool verbose, bool color) : IReporter
{
    private readonly Lock _gate = new();

    public void ServiceStatus(string service, ServiceState state, string detail = "")
    {
        if (!quiet)
        {
            Write($"  {service}: {ServiceStates.Describe(state, detail)}");
        }
    }

    public void Progress(string message)
    {
        if (!quiet)
        {
            Write(message);
        }
    }

    public void Warn(string message) => Write((color ? "\u001b[33mwarning:\u001b[0m " : "warning: ") + message);

    public void Verbose(string message)
    {
        if (verbose)
        {
            Write(message);
        }
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            error.WriteLine(line);
        }
    }
}
