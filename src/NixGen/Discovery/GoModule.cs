using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>A Go module found in the repository: where it lives and what its files say.</summary>
/// <param name="Dir">Directory relative to the repository root, with <c>/</c> separators; <c>.</c> for the root.</param>
/// <param name="MainPackages">Main packages relative to the module, as buildGoModule's <c>subPackages</c> wants them (<c>.</c>, <c>cmd/api</c>).</param>
public sealed record GoModule(string Dir, GoModFile Mod, GoSumFile? Sum, bool HasVendorDir, IReadOnlyList<string> MainPackages)
{
    public string Path => Mod.ModulePath;

    public bool IsService => MainPackages.Count > 0;

    /// <summary>The module's requirements that are not satisfied by a local directory replace.</summary>
    public bool HasRequirements => Mod.Requires.Count > 0;
}

/// <summary>A <c>replace</c> of a module by a directory of this repository.</summary>
public sealed record LocalReplace(string ModulePath, string TargetDir, Position Position);

/// <summary>A module with main packages: one Nix package in the flake.</summary>
/// <param name="Source">The files of its <c>src</c>: what is vendored, fingerprinted and rendered as its fileset.</param>
/// <param name="Imports">The non-standard-library imports of the module's own non-test Go files.</param>
/// <param name="UsesCgo">Whether one of the module's own Go files imports "C".</param>
public sealed record Service(string Name, GoModule Module, IReadOnlyList<LocalReplace> LocalReplaces, SourceSet Source, IReadOnlyList<string> Imports, bool UsesCgo)
{
    /// <summary>Every directory whose content goes into this service's source and vendor tree.</summary>
    public IEnumerable<string> SourceDirs => Source.Roots;

    /// <summary>The service's go.mod, relative to the repository root.</summary>
    public string GoModFile => Module.Dir == "." ? "go.mod" : Module.Dir + "/go.mod";
}

/// <summary>Everything nixgen knows about a repository after discovery.</summary>
/// <param name="View">The files the flake sees (tracked files of a git repository, else all).</param>
public sealed record Repository(string Root, IReadOnlyList<GoModule> Modules, IReadOnlyList<Service> Services, GoWorkFile? Workspace, string? WorkspaceFile, RepoView View)
{
    /// <summary>The directories of every module, relative to the root.</summary>
    public IReadOnlySet<string> ModuleDirs { get; } = Modules.Select(m => m.Dir).ToHashSet(StringComparer.Ordinal);
}
