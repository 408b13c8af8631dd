using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>
/// The go.work a developer's go would refuse, refused here too with the line at fault (cmd/go's modload:
/// <c>LoadWorkFile</c>, <c>MainModules</c>, <c>errWorkTooOld</c>): buildGoModule never reads go.work, but a
/// workspace Go rejects breaks every go command in the repository.
/// </summary>
internal static class WorkspaceRules
{
    /// <summary>Throws <see cref="RepoException"/> (<c>go.work:line:col: …</c>) for the first rule the workspace breaks.</summary>
    /// <param name="moduleDirs">The repository's module directories (relative, <c>.</c> for the root).</param>
    public static void Check(RepoView view, GoWorkFile work, string workFile, IReadOnlySet<string> moduleDirs, IReadOnlyList<GoModule> modules)
    {
        var dirs = new Dictionary<string, Use>(StringComparer.Ordinal);
        var paths = new Dictionary<string, Use>(StringComparer.Ordinal);
        foreach (var use in work.Uses)
        {
            var dir = RepoScanner.Relative(view.Root, Path.GetFullPath(Path.Combine(view.Root, use.DiskPath)));
            if (dir == ".." || dir.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(dir))
            {
                throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: points outside the repository");
            }

            if (!moduleDirs.Contains(dir))
            {
                throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: no go.mod in that directory{RepoScanner.Untracked(view, dir)}");
            }

            if (dirs.TryGetValue(dir, out var same))
            {
                throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: path {dir} appears multiple times in workspace (also `use {same.DiskPath}` on line {same.Position.Line}); go refuses the workspace: remove one");
            }

            dirs[dir] = use;
            var module = modules.First(m => m.Dir == dir);
            if (paths.TryGetValue(module.Path, out var other))
            {
                throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: module {module.Path} appears multiple times in workspace (also `use {other.DiskPath}` on line {other.Position.Line}); go refuses the workspace: give one of them another module path, or use only one");
            }

            paths[module.Path] = use;
            var workGo = work.GoVersion ?? "1.18";
            if (module.Mod.GoVersion is { } moduleGo && GoVersions.IsGoVersion(moduleGo) && GoVersions.IsGoVersion(workGo) && GoVersions.CompareGo(moduleGo, workGo) > 0)
            {
                var verb = work.GoVersion is null ? "implicitly requires" : "lists";
                throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: module {use.DiskPath} requires go >= {moduleGo}, but go.work {verb} go {workGo}; go refuses the workspace: run `go work use` to update it");
            }
        }

        foreach (var r in work.Replaces.Where(r => r.OldVersion.Length == 0 && paths.ContainsKey(r.OldPath)))
        {
            throw new RepoException(workFile, r.Position, $"replace {r.OldPath} => {r.NewPath}: workspace module {r.OldPath} is replaced at all versions in go.work; go refuses the workspace: remove the replacement, or give the version it replaces");
        }
    }
}
