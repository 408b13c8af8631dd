using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace NixGen.Hashing;

/// <summary>
/// Go's go.sum hashes (golang.org/x/mod/sumdb/dirhash, Hash1): sha256 over the lines "HEX(sha256(file))  NAME\n" of the
/// files sorted by name, as "h1:" + base64. A module's go.mod is hashed as the one file named "go.mod" (modfetch's
/// goModSum); its zip under the zip's own file names (which start with "PATH@VERSION/").
/// </summary>
internal static class GoDirHash
{
    public static string OfGoMod(byte[] content) => Hash1([("go.mod", content)]);

    public static string OfZip(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var files = new List<(string, byte[])>(archive.Entries.Count);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add((entry.FullName, buffer.ToArray()));
        }

        return Hash1(files);
    }

    private static string Hash1(IEnumerable<(string Name, byte[] Content)> files)
    {
        var summary = new StringBuilder();
        // Go sorts the names as byte strings: ordinal order of their UTF-8, which ordinal UTF-16 order matches
        // outside the surrogate range module paths cannot contain.
        foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            summary.Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append("  ").Append(name).Append('\n');
        }

        return "h1:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString())));
    }
}
