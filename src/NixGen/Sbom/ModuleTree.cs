using System.IO.Compression;

namespace NixGen.Sbom;

/// <summary>The files of one module version, by package directory (relative to the module root, <c>.</c> for the root).</summary>
internal abstract class ModuleTree
{
    /// <summary>The Go files directly in <paramref name="dir"/> (names and text), or null when there is no such directory.</summary>
    public abstract IReadOnlyList<(string Name, string Text)>? GoFiles(string dir);

    /// <summary>A directory on disk: the repository's own modules, or an extracted module cache entry.</summary>
    public sealed class Directory(string root) : ModuleTree
    {
        private readonly Dictionary<string, IReadOnlyList<(string Name, string Text)>?> _read = new(StringComparer.Ordinal);

        public override IReadOnlyList<(string Name, string Text)>? GoFiles(string dir)
        {
            if (_read.TryGetValue(dir, out var known))
            {
                return known;
            }

            var full = dir == "." ? root : Path.Combine(root, dir);
            return _read[dir] = !System.IO.Directory.Exists(full) ? null
                : [.. System.IO.Directory.EnumerateFiles(full, "*.go").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];
        }
    }

    /// <summary>A module zip as the proxy serves it: entries under <c>path@version/</c>.</summary>
    public sealed class Zip : ModuleTree
    {
        private readonly Dictionary<string, List<(string Name, string Text)>> _byDir = new(StringComparer.Ordinal);

        public Zip(string zipFile)
        {
            using var archive = ZipFile.OpenRead(zipFile);
            foreach (var entry in archive.Entries)
            {
                // Entries are "<module>@<version>/<file>"; a module path has slashes but no '@'.
                var at = entry.FullName.IndexOf('@', StringComparison.Ordinal);
                var slash = at < 0 ? -1 : entry.FullName.IndexOf('/', at);
                if (slash < 0)
                {
                    continue;
                }

                var rel = entry.FullName[(slash + 1)..];
                if (!rel.EndsWith(".go", StringComparison.Ordinal) || rel.EndsWith('/'))
                {
                    continue;
                }

                var cut = rel.LastIndexOf('/');
                var dir = cut < 0 ? "." : rel[..cut];
                using var reader = new StreamReader(entry.Open());
                if (!_byDir.TryGetValue(dir, out var list))
                {
                    _byDir[dir] = list = [];
                }

                list.Add((rel[(cut + 1)..], reader.ReadToEnd()));
            }
        }

        public override IReadOnlyList<(string Name, string Text)>? GoFiles(string dir) =>
            _byDir.TryGetValue(dir, out var files) ? [.. files.OrderBy(f => f.Name, StringComparer.Ordinal)] : null;
    }
}
