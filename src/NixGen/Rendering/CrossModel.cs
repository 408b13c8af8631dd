namespace NixGen.Rendering;

/// <summary>A cross target: <c>&lt;service&gt;-&lt;goos&gt;-&lt;goarch&gt;</c>; <see cref="Binding"/> names its package set.</summary>
internal sealed record CrossModel(string Goos, string Goarch)
{
    public string Binding => $"{Goos}-{Goarch}";
}
