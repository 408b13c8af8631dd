using System.Text;

namespace NixGen.Sbom;

/// <summary>Package URLs of the purl spec's <c>golang</c> type: <c>pkg:golang/&lt;namespace&gt;/&lt;name&gt;@&lt;version&gt;</c>.</summary>
internal static class Purl
{
    /// <summary>
    /// The module path is the namespace and name, lower-cased as the golang type requires (both are case-insensitive
    /// there); each segment and the version are percent-encoded (a <c>+incompatible</c> version keeps its meaning).
    /// </summary>
    public static string Golang(string modulePath, string? version) =>
        "pkg:golang/" + string.Join("/", modulePath.ToLowerInvariant().Split('/').Select(Encode)) + (version is null ? "" : "@" + Encode(version));

    private static string Encode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'_' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
