using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace NixGen.Fixtures;

/// <summary>
/// Writes a Go module proxy tree (<c>&lt;module&gt;/@v/list</c>, <c>vX.info</c>, <c>vX.mod</c>, <c>vX.zip</c>) that
/// <c>GOPROXY=file://DIR</c> or <see cref="GoProxyServer"/> can serve, and computes the go.sum lines of what it wrote.
/// </summary>
public sealed class GoProxyBuilder(string root)
{
    private static readonly DateTime ZipTime = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly Dictionary<string, SortedSet<string>> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string[]> _sums = [];

    public string Root { get; } = root;

    public string Url => "file://" + Root;

    /// <summary>Publishes one module version; <paramref name="files"/> maps slash paths to contents and must hold go.mod.</summary>
    public GoProxyBuilder Publish(string module, string version, IReadOnlyDictionary<string, string> files)
    {
        var goMod = files.TryGetValue("go.mod", out var m) ? m : throw new ArgumentException("a module needs a go.mod", nameof(files));
        var dir = Path.Combine(Root, Escape(module), "@v");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, version + ".mod"), goMod);
        File.WriteAllText(Path.Combine(dir, version + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}\n");
        var prefix = $"{module}@{version}/";
        var ordered = files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        using (var zip = ZipFile.Open(Path.Combine(dir, version + ".zip"), ZipArchiveMode.Create))
        {
            foreach (var (path, content) in ordered)
            {
                var entry = zip.CreateEntry(prefix + path, CompressionLevel.Fastest);
                entry.LastWriteTime = ZipTime;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        if (!_versions.TryGetValue(module, out var list))
        {
            _versions[module] = list = new SortedSet<string>(StringComparer.Ordinal);
        }

        list.Add(version);
        File.WriteAllText(Path.Combine(dir, "list"), string.Concat(list.Select(v => v + "\n")));
        _sums[(module, version)] =
        [
            $"{module} {version} {Hash1(ordered.Select(f => (prefix + f.Key, f.Value)))}",
            $"{module} {version}/go.mod {Hash1([("go.mod", goMod)])}",
        ];
        return this;
    }

    /// <summary>The go.sum lines of a published module version (zip hash and go.mod hash).</summary>
    public IReadOnlyList<string> SumLines(string module, string version) => _sums[(module, version)];

    /// <summary>Go's dirhash "h1:" hash: sha256 over "&lt;sha256 hex&gt;  &lt;name&gt;\n" lines of the files in name order.</summary>
    public static string Hash1(IEnumerable<(string Name, string Content)> files)
    {
        var summary = new StringBuilder();
        foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            summary.Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))).Append("  ").Append(name).Append('\n');
        }

        return "h1:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString())));
    }

    /// <summary>Go's case-encoding of module paths in the proxy protocol: an upper-case letter becomes '!' and its lower case.</summary>
    public static string Escape(string module) =>
        string.Concat(module.Select(c => char.IsAsciiLetterUpper(c) ? "!" + char.ToLowerInvariant(c) : c.ToString()));
}
