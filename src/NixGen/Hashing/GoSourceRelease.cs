using System.Text.Json;
using NixGen.GoModules;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// The hash of a Go source release as go.dev publishes it (<c>https://go.dev/dl/?mode=json&amp;include=all</c>: each
/// file's sha256), for <c>goSource: upstream</c>. <c>NIXGEN_GO_DOWNLOADS</c> points elsewhere (a mirror, or a
/// <c>file://</c> copy of that JSON). The tarball itself is never downloaded by nixgen: Nix checks it at build.
/// </summary>
internal static class GoSourceRelease
{
    public const string DownloadsVariable = "NIXGEN_GO_DOWNLOADS";

    public const string DefaultDownloads = "https://go.dev/dl/?mode=json&include=all";

    /// <summary>The SRI sha256 of <c>go{release}.src.tar.gz</c>; a <see cref="ToolException"/> when go.dev cannot say.</summary>
    public static async Task<string> SourceHashAsync(string release, string downloads, CancellationToken cancellationToken)
    {
        if (!GoVersions.IsGoVersion(release))
        {
            throw new ToolException($"goSource: upstream: \"{release}\" is not a Go release");
        }

        string json;
        try
        {
            if (downloads.StartsWith("file://", StringComparison.Ordinal))
            {
                json = await File.ReadAllTextAsync(new Uri(downloads).LocalPath, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                json = await http.GetStringAsync(new Uri(downloads), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException or UriFormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolException($"goSource: upstream: cannot read Go's release list at {downloads} ({e.Message}); set {DownloadsVariable} to a mirror or a file:// copy",
                new ToolFailure("go.dev", ToolFailureKind.Failed, "GET " + downloads, Output: e.Message));
        }

        var file = $"go{release}.src.tar.gz";
        try
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var r in doc.RootElement.EnumerateArray())
            {
                foreach (var f in r.GetProperty("files").EnumerateArray())
                {
                    if (f.GetProperty("filename").GetString() == file && f.GetProperty("sha256").GetString() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigitLower))
                    {
                        return Nix.SriHash.FromDigest(Convert.FromHexString(hex));
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ToolException($"goSource: upstream: {downloads} is not Go's release list ({e.Message})", new ToolFailure("go.dev", ToolFailureKind.Unusable, "GET " + downloads, Output: e.Message));
        }

        throw new ToolException($"goSource: upstream: Go's release list ({downloads}) has no {file} with a sha256: is go{release} released?", new ToolFailure("go.dev", ToolFailureKind.Unusable, "GET " + downloads));
    }
}
