using System.Security.Cryptography;
using System.Text;

namespace NixGen.Planning;

/// <summary>
/// The one SHA-256 of nixgen's own records (fingerprints, input digests, cache keys, generated-file digests): lower-case
/// hex of text (UTF-8), bytes or a file's content, and the form a tree entry takes. Go's <c>h1:</c> and Nix's NAR hashes
/// are other formats, with their own homes (<c>Hashing/GoDirHash</c>, <c>Hashing/NarHasher</c>).
/// </summary>
internal static class Digest
{
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A file's content (through a symbolic link: its target's).</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// A file as a tree holds it: <c>@TARGET</c> for a symbolic link, else its content's digest (the first
    /// <paramref name="hexLength"/> characters) with <c>x</c> appended for an executable.
    /// </summary>
    public static string OfEntry(string path, int hexLength = 64)
    {
        if (new FileInfo(path).LinkTarget is { } link)
        {
            return "@" + link;
        }

        var executable = (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
        return OfFile(path)[..hexLength] + (executable ? "x" : "");
    }
}
