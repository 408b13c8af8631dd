namespace NixGen.Nix;

/// <summary>The SRI sha256 grammar Nix writes and nixgen accepts from its own files: <c>sha256-</c> and the canonical base64 of 32 bytes.</summary>
internal static class SriHash
{
    public const string Example = "sha256-<44 base64 characters>";

    /// <summary>True for exactly <c>sha256-</c> followed by the canonical 44-character base64 of a sha256 (nothing before or after).</summary>
    public static bool IsSha256(string? value)
    {
        if (value is not { Length: 51 } || !value.StartsWith("sha256-", StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[33];
        var b64 = value.AsSpan(7);
        return Convert.TryFromBase64Chars(b64, bytes, out var n) && n == 32 && Convert.ToBase64String(bytes[..32]).AsSpan().SequenceEqual(b64);
    }
}
