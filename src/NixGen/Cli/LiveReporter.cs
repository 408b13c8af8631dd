using System.Collections.Concurrent;
using NixGen.Hashing;
using NixGen.Pipeline;
using Spectre.Console;

namespace NixGen.Cli;

/// <summary>
/// Live per-service status in a terminal (queued / fetching / vendoring / hashed / reused / failed), drawn on
/// stderr with Spectre.Console so stdout stays for results. Warnings wait until the live view is gone.
/// </summary>
internal sealed class LiveReporter : IReporter, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (ServiceState State, string Text)> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly IAnsiConsole _console;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _step = "";

    public LiveReporter(TextWriter error)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });
        _loop = _console.Live(Render()).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            while (!_stop.IsCancellationRequested)
            {
                ctx.UpdateTarget(Render());
                ctx.Refresh();
                try
                {
                    await Task.Delay(100, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Whether a live view makes sense: an interactive, colour-capable stderr outside CI.</summary>
    public static bool Suitable(Context c, CliHost host) =>
        c.Color && !c.Quiet && !c.Verbose && host.ErrorIsTerminal
        && string.IsNullOrEmpty(host.Variable("CI"))
        && host.Variable("TERM") is not (null or "" or "dumb");

    public void ServiceStatus(string service, ServiceState state, string detail = "") => _status[service] = (state, ServiceStates.Describe(state, detail));

    public void Progress(string message) => _step = message;

    public void Warn(string message) => _warnings.Enqueue(message);

    public void Verbose(string message)
    {
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("service").AddColumn("status");
        if (_step.Length > 0)
        {
            table.Caption(Markup.Escape(_step));
        }

        foreach (var (name, (state, status)) in _status.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var colour = state switch
            {
                ServiceState.Failed => "red",
                ServiceState.Hashed or ServiceState.Reused or ServiceState.Cached => "green",
                _ => "yellow",
            };
            table.AddRow(Markup.Escape(name), $"[{colour}]{Markup.Escape(status.Length > 90 ? status[..90] + "…" : status)}[/]");
        }

        return table;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        while (_warnings.TryDequeue(out var w))
        {
            _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        }
    }
}
