namespace NixGen.Nix;

/// <summary>The SRI sha256 grammar Nix writes and nixgen accepts from its own files: <c>sha256-</c> and the canonical base64 of 32 bytes.</summary>
internal static class SriHash
{
    public const string Example = "sha256-<44 base64 characters>";

    /// <summary>True for exactly <c>sha256-</c> followed by 43 base64 characters and <c>=</c> (32 bytes, as Nix reads it; nothing before or after).</summary>
    public static bool IsSha256(string? value) =>
        value is { Length: 51 } && value.StartsWith("sha256-", StringComparison.Ordinal) && value[^1] == '='
        && value.AsSpan(7, 43).IndexOfAnyExcept(Base64) < 0;

    /// <summary>The SRI form of a sha256 digest (32 bytes).</summary>
    public static string FromDigest(byte[] sha256) => "sha256-" + Convert.ToBase64String(sha256);

    /// <summary>Nix's flat hash of a file's bytes (what <c>fetchurl</c>'s <c>hash</c> is), in SRI form.</summary>
    public static string OfFlat(byte[] content) => FromDigest(System.Security.Cryptography.SHA256.HashData(content));

    private static readonly System.Buffers.SearchValues<char> Base64 =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
}
