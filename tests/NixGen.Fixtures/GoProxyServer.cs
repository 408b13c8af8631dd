using System.Net;
using System.Net.Sockets;

namespace NixGen.Fixtures;

/// <summary>
/// Serves a proxy tree written by <see cref="GoProxyBuilder"/> over HTTP on 127.0.0.1 with a fixed delay per request,
/// so that fetching costs roughly what it costs over a real network. Counts the requests it answered.
/// </summary>
public sealed class GoProxyServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly string _root;
    private readonly TimeSpan _latency;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public GoProxyServer(string root, TimeSpan latency)
    {
        _root = Path.GetFullPath(root);
        _latency = latency;
        // A free port can be taken between probing and binding (tests run in parallel): try another.
        for (var attempt = 0; ; attempt++)
        {
            Url = $"http://127.0.0.1:{FreePort()}";
            var listener = new HttpListener();
            listener.Prefixes.Add(Url + "/");
            try
            {
                listener.Start();
                _listener = listener;
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(AcceptLoop);
    }

    public string Url { get; private set; } = "";

    public int Requests => _requests;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private async Task Serve(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        using var response = context.Response;
        try
        {
            await Task.Delay(_latency, _stop.Token).ConfigureAwait(false);
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(_root, relative));
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                return;
            }

            response.ContentType = path.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/plain; charset=utf-8";
            var bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (HttpListenerException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
