namespace NixGen.Trust;

/// <summary>A path of the repository nixgen refuses to read, write or delete (it leads outside, or through a link), named relative to the root.</summary>
internal sealed class UnsafePathException(string file, string message) : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
