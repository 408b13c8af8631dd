using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>Everything nixgen knows about a repository after discovery.</summary>
/// <param name="View">The files the flake sees (tracked files of a git repository, else all).</param>
internal sealed record Repository(string Root, IReadOnlyList<GoModule> Modules, IReadOnlyList<Service> Services, GoWorkFile? Workspace, string? WorkspaceFile, RepoView View)
{
    /// <summary>The directories of every module, relative to the root.</summary>
    public IReadOnlySet<string> ModuleDirs { get; } = Modules.Select(m => m.Dir).ToHashSet(StringComparer.Ordinal);
}
