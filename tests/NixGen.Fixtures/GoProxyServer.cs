using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NixGen.Fixtures;

/// <summary>
/// Serves a proxy tree written by <see cref="GoProxyBuilder"/> over HTTP on 127.0.0.1 with a fixed delay per request,
/// so that fetching costs roughly what it costs over a real network. Counts the requests it answered.
/// A minimal HTTP/1.1 server on a socket bound to port 0 (GET only, one request per connection): no port race with
/// other tests, and nothing of HttpListener's endpoint bookkeeping to trip over at shutdown.
/// </summary>
public sealed class GoProxyServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _root;
    private readonly TimeSpan _latency;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public GoProxyServer(string root, TimeSpan latency)
    {
        _root = Path.GetFullPath(root);
        _latency = latency;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(AcceptLoop);
    }

    public string Url { get; }

    public int Requests => _requests;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false)))
                {
                    // Headers are not needed.
                }

                Interlocked.Increment(ref _requests);
                await Task.Delay(_latency, _stop.Token).ConfigureAwait(false);
                var parts = requestLine?.Split(' ') ?? [];
                var relative = parts.Length >= 2 ? Uri.UnescapeDataString(parts[1].Split('?')[0]).TrimStart('/') : "";
                var path = Path.GetFullPath(Path.Combine(_root, relative));
                var found = parts.Length >= 2 && parts[0] == "GET" && path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path);
                var body = found ? await File.ReadAllBytesAsync(path, _stop.Token).ConfigureAwait(false) : Encoding.ASCII.GetBytes("not found\n");
                var type = !found ? "text/plain" : path.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/plain; charset=utf-8";
                var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token).ConfigureAwait(false);
                await stream.WriteAsync(body, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server is shutting down.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
