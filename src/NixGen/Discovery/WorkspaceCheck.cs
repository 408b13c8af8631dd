
namespace NixGen.Discovery;

/// <summary>Refuses imports that only a go.work workspace satisfies (buildGoModule builds outside workspace mode).</summary>
internal static class WorkspaceCheck
{
    /// <summary>
    /// A service that imports another module of the repository without requiring it builds with go.work, but
    /// buildGoModule builds outside workspace mode (the filtered src holds no go.work): say what to add.
    /// </summary>
    public static void ImportsAreRequired(Repository repo)
    {
        var byPath = repo.Modules.GroupBy(m => m.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var s in repo.Services)
        {
            var required = s.Module.Mod.Requires.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var import in s.Imports)
            {
                var target = Prefixes(import).Select(p => byPath.GetValueOrDefault(p)).FirstOrDefault(m => m is not null);
                if (target is null || target.Dir == s.Module.Dir || required.Contains(target.Path))
                {
                    continue;
                }

                var modFile = s.Module.Dir == "." ? "go.mod" : s.Module.Dir + "/go.mod";
                var relative = Path.GetRelativePath(Path.Combine(repo.Root, s.Module.Dir), Path.Combine(repo.Root, target.Dir)).Replace('\\', '/');
                relative = relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
                var how = repo.Workspace is not null ? "it builds only in the go.work workspace, but buildGoModule builds outside workspace mode" : "no requirement provides it";
                throw new RepoException(modFile,
                    $"{s.Name} imports {import} from {target.Dir} ({target.Path}) without requiring it: {how}; add to {modFile}:\n" +
                    $"\trequire {target.Path} v0.0.0\n\treplace {target.Path} => {relative}");
            }
        }

        // Longest module path first: a/b/c, a/b, a.
        static IEnumerable<string> Prefixes(string import)
        {
            for (var p = import; p.Length > 0; p = p.Contains('/', StringComparison.Ordinal) ? p[..p.LastIndexOf('/')] : "")
            {
                yield return p;
            }
        }
    }
}
