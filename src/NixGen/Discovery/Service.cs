namespace NixGen.Discovery;

/// <summary>A module with main packages: one Nix package in the flake.</summary>
/// <param name="Source">The files of its <c>src</c>: what is vendored, fingerprinted and rendered as its fileset.</param>
/// <param name="Imports">The non-standard-library imports of the module's own non-test Go files.</param>
/// <param name="UsesCgo">Whether one of the module's own Go files imports "C".</param>
internal sealed record Service(string Name, GoModule Module, IReadOnlyList<LocalReplace> LocalReplaces, SourceSet Source, IReadOnlyList<string> Imports, bool UsesCgo)
{
    /// <summary>Every directory whose content goes into this service's source and vendor tree.</summary>
    public IEnumerable<string> SourceDirs => Source.Roots;

    /// <summary>The service's go.mod, relative to the repository root.</summary>
    public string GoModFile => Module.Dir == "." ? "go.mod" : Module.Dir + "/go.mod";
}
