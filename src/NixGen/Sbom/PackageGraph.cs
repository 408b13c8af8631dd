using NixGen.Discovery;

namespace NixGen.Sbom;

/// <summary>
/// The modules compiled into a program: the import graph of its main packages for one build context, each package
/// resolved to the module that provides it (the longest module path that has the package's directory, as the go
/// command does). Test files, test-only imports and modules that provide nothing to the graph are never reached.
/// </summary>
internal sealed class PackageGraph(string mainPath, ModuleTree mainTree, IReadOnlyList<BuildModule> buildList, Func<BuildModule, ModuleTree?> tree)
{
    private readonly Dictionary<string, ModuleTree?> _trees = new(StringComparer.Ordinal);

    /// <summary>The modules reached (by <see cref="BuildModule.Path"/>) and the edges between modules, the main module's included.</summary>
    public sealed record Result(IReadOnlyList<BuildModule> Modules, IReadOnlyDictionary<string, IReadOnlyList<string>> Edges);

    public Result Walk(IEnumerable<string> mains, BuildContext context)
    {
        var byPath = buildList.ToDictionary(m => m.Path, StringComparer.Ordinal);
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal) { [mainPath] = new(StringComparer.Ordinal) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Package, string Module, string Dir)>();
        foreach (var m in mains)
        {
            var package = m == "." ? mainPath : mainPath + "/" + m;
            if (seen.Add(package))
            {
                queue.Enqueue((package, mainPath, m));
            }
        }

        while (queue.Count > 0)
        {
            var (_, module, dir) = queue.Dequeue();
            var files = TreeOf(module)?.GoFiles(dir) ?? [];
            foreach (var (name, text) in files)
            {
                if (!context.Includes(name, text))
                {
                    continue;
                }

                var imports = GoImports.Parse(text);
                if (!context.Cgo && imports.Contains("C"))
                {
                    continue; // a cgo file is not compiled with CGO_ENABLED=0
                }

                foreach (var import in imports)
                {
                    if (import == "C" || Resolve(import, byPath) is not { } target)
                    {
                        continue; // the standard library (or a package no module provides: the build would fail)
                    }

                    if (target.Module != module)
                    {
                        if (!edges.TryGetValue(module, out var set))
                        {
                            edges[module] = set = new(StringComparer.Ordinal);
                        }

                        set.Add(target.Module);
                        edges.TryAdd(target.Module, new(StringComparer.Ordinal));
                    }

                    if (seen.Add(import))
                    {
                        queue.Enqueue((import, target.Module, target.Dir));
                    }
                }
            }
        }

        return new Result(
            [.. edges.Keys.Where(k => k != mainPath).Select(k => byPath[k])],
            edges.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value], StringComparer.Ordinal));
    }

    private ModuleTree? TreeOf(string module)
    {
        if (module == mainPath)
        {
            return mainTree;
        }

        if (!_trees.TryGetValue(module, out var t))
        {
            _trees[module] = t = tree(buildList.First(m => m.Path == module));
        }

        return t;
    }

    /// <summary>The module providing an import path and the package's directory in it; null for the standard library.</summary>
    private (string Module, string Dir)? Resolve(string import, Dictionary<string, BuildModule> byPath)
    {
        var candidates = byPath.Keys.Append(mainPath)
            .Where(p => import == p || import.StartsWith(p + "/", StringComparison.Ordinal))
            .OrderByDescending(p => p.Length);
        foreach (var p in candidates)
        {
            var dir = import == p ? "." : import[(p.Length + 1)..];
            if (TreeOf(p)?.GoFiles(dir) is { Count: > 0 })
            {
                return (p, dir);
            }
        }

        return null;
    }
}
