namespace NixGen.Rendering;

/// <summary>One service's package for one cross target.</summary>
/// <param name="Attr">The package's attribute name, quoted whole when needed.</param>
/// <param name="Name">The package name, not escaped.</param>
internal sealed record CrossPackageModel(string Attr, string Name, string Binding, string Goos, string Goarch);
