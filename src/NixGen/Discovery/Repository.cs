using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>Everything nixgen knows about a repository after discovery.</summary>
/// <param name="View">The files the flake sees (tracked files of a git repository, else all).</param>
/// <param name="OwnFiles">
/// nixgen's files, relative to the root, that are never any service's source: <see cref="Trust.OutputNames.NeverSource"/> and the
/// files this configuration makes nixgen write (the flake renders the same list as <c>generatedFiles</c>).
/// </param>
internal sealed record Repository(
    string Root, IReadOnlyList<GoModule> Modules, IReadOnlyList<Service> Services, GoWorkFile? Workspace, string? WorkspaceFile, RepoView View,
    IReadOnlyList<string> OwnFiles)
{
    /// <summary>The directories of every module, relative to the root.</summary>
    public IReadOnlySet<string> ModuleDirs { get; } = Modules.Select(m => m.Dir).ToHashSet(StringComparer.Ordinal);
}
