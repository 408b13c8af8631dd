using System.Text.RegularExpressions;

namespace NixGen.Hashing;

/// <summary>Reads the real hash out of nix's "hash mismatch in fixed-output derivation" error (any nix since 2.0).</summary>
internal partial class NixHashMismatch
{
    /// <summary>What buildGoModule's vendor derivation prints when a module has nothing to vendor.</summary>
    public const string EmptyVendorMarker = "vendor folder is empty";

    /// <summary>
    /// The <c>got:</c> hash as SRI, or null when the output has no hash mismatch. Nix 2.4+ prints SRI
    /// (<c>got:    sha256-…=</c>); older nix prints <c>sha256:&lt;nix32&gt;</c>, converted here.
    /// </summary>
    public static string? TryReadGot(string nixOutput)
    {
        if (!nixOutput.Contains("hash mismatch", StringComparison.Ordinal))
        {
            return null;
        }

        var match = GotLine().Match(nixOutput);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["hash"].Value;
        if (value.StartsWith("sha256-", StringComparison.Ordinal))
        {
            return value;
        }

        var nix32 = value.StartsWith("sha256:", StringComparison.Ordinal) ? value["sha256:".Length..] : value;
        return Nix.SriHash.FromDigest(Nix32.Decode(nix32));
    }

    [GeneratedRegex(@"got:\s+(?<hash>sha256[-:][A-Za-z0-9+/=]+|[0-9a-df-np-sv-z]{52})", RegexOptions.CultureInvariant)]
    private static partial Regex GotLine();
}

/// <summary>Nix's base-32 encoding (alphabet without e, o, u, t; least significant digit last in the string).</summary>
internal static class Nix32
{
    private const string Alphabet = "0123456789abcdfghijklmnpqrsvwxyz";

    public static byte[] Decode(string text)
    {
        var length = text.Length * 5 / 8;
        var bytes = new byte[length];
        for (var n = 0; n < text.Length; n++)
        {
            var digit = Alphabet.IndexOf(text[text.Length - n - 1], StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new FormatException($"invalid nix base-32 character '{text[text.Length - n - 1]}'");
            }

            var b = n * 5;
            var i = b / 8;
            var j = b % 8;
            if (i < length)
            {
                bytes[i] |= (byte)(digit << j);
            }

            if (i + 1 < length)
            {
                bytes[i + 1] |= (byte)(digit >> (8 - j));
            }
        }

        return bytes;
    }

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var length = (bytes.Length * 8 - 1) / 5 + 1;
        var chars = new char[length];
        for (var n = length - 1; n >= 0; n--)
        {
            var b = n * 5;
            var i = b / 8;
            var j = b % 8;
            var c = (bytes[i] >> j) | (i + 1 < bytes.Length ? bytes[i + 1] << (8 - j) : 0);
            chars[length - 1 - n] = Alphabet[c & 0x1f];
        }

        return new string(chars);
    }
}
