using NixGen.GoModules;
using NixGen.Naming;

namespace NixGen.Discovery;

/// <summary>Finds the Go modules, workspaces and services of a repository on disk.</summary>
internal static class RepoScanner
{
    /// <summary>Scans <paramref name="root"/>; throws <see cref="RepoException"/> or <see cref="GoModParseException"/> on bad input.</summary>
    /// <param name="generated">
    /// The files this configuration makes nixgen write besides <see cref="Trust.OutputNames.NeverSource"/> (CI workflows, renovate.json,
    /// default.nix, a module at its <c>outputFile</c>): never source, whether they exist yet or not.
    /// </param>
    /// <param name="obsolete">
    /// nixgen's outputs of an earlier configuration that this run removes: not hashed (they are gone once the run has
    /// written), not rendered (the next run no longer sees them).
    /// </param>
    public static Repository Scan(
        string root, IReadOnlyDictionary<string, string>? serviceNames = null, IReadOnlyCollection<string>? generated = null, IReadOnlyCollection<string>? obsolete = null)
    {
        root = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new RepoException(root, "repository directory does not exist");
        }

        return Scan(RepoView.Load(root), serviceNames, generated, obsolete);
    }

    /// <summary>Scans the files of <paramref name="view"/>: modules, services and each service's source set.</summary>
    public static Repository Scan(
        RepoView view, IReadOnlyDictionary<string, string>? serviceNames = null, IReadOnlyCollection<string>? generated = null, IReadOnlyCollection<string>? obsolete = null)
    {
        var root = view.Root;
        generated ??= [];
        IReadOnlyList<string> ownFiles = [.. Trust.OutputNames.NeverSource.Union(generated, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (view.Files.FirstOrDefault(f => f.Contains("go.mod/", StringComparison.Ordinal) && (f.StartsWith("go.mod/", StringComparison.Ordinal) || f.Contains("/go.mod/", StringComparison.Ordinal))) is { } inside)
        {
            throw new RepoException(inside[..(inside.IndexOf("go.mod/", StringComparison.Ordinal) + "go.mod".Length)], "is a directory, not a go.mod file");
        }

        var modDirs = view.Files.Where(IsGoMod).Select(DirOf).ToList();
        if (modDirs.Count == 0)
        {
            var untracked = view.Untracked.Where(IsGoMod).ToList();
            throw untracked.Count > 0
                ? new RepoException(root, $"no go.mod tracked by git; {untracked.Count} untracked ({string.Join(", ", untracked.Take(3))}): a git flake sees tracked files only, so `git add` them first")
                : new RepoException(root, "no go.mod found (nixgen looks below the repository root, skipping vendor/, testdata/, node_modules/ and hidden directories)");
        }

        modDirs.Sort(StringComparer.Ordinal);
        // A directory's name reaches flake.nix (a path, modRoot), shell (cd) and CI: one that holds a line break or an
        // invisible control character is refused rather than rendered.
        if (modDirs.FirstOrDefault(d => Nix.UnsafeText.Find(d) is not null) is { } unsafeDir)
        {
            throw new RepoException(Nix.UnsafeText.Display(unsafeDir == "." ? "go.mod" : unsafeDir + "/go.mod")[1..^1],
                $"the directory name holds {Nix.UnsafeText.Find(unsafeDir)}, which nixgen does not put into Nix, shell or YAML: rename the directory");
        }

        var moduleDirSet = modDirs.ToHashSet(StringComparer.Ordinal);
        var owned = OwnedFiles(view, moduleDirSet, [.. generated, .. obsolete ?? []]);
        var neverSource = view.Files.Where(SourceSet.IsNeverSource).ToList();
        var modules = modDirs.Select(d => LoadModule(view, d, owned[d])).ToList();

        GoWorkFile? work = null;
        string? workFile = null;
        var workPath = System.IO.Path.Combine(root, "go.work");
        if (File.Exists(workPath))
        {
            workFile = "go.work";
            work = GoWorkFile.Parse(workFile, ReadText(root, workPath));
            WorkspaceRules.Check(view, work, workFile, moduleDirSet, modules);
        }

        var services = new List<Service>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in modules.Where(m => m.IsService))
        {
            var name = ServiceName(m, serviceNames);
            if (names.TryGetValue(name, out var other))
            {
                throw new RepoException(m.Dir + "/go.mod", $"service name \"{name}\" is used by both {other} and {m.Dir}; set a name for one of them under services: in nixgen.yaml");
            }

            names[name] = m.Dir;
            VendorConsistency.Check(view, m);
            var replaces = ResolveLocalReplaces(view, m, moduleDirSet, modules);
            var source = SourceOf([m.Dir, .. replaces.Select(r => r.TargetDir)], modDirs, moduleDirSet, owned, neverSource, ownFiles);
            var (imports, cgo) = GoImports.Of(m.Path, m.Dir, m.Mod.IgnorePatterns, owned[m.Dir], view.FullPath);
            services.Add(new Service(name, m, replaces, source, imports, cgo));
        }

        services.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new Repository(root, modules, services, work, workFile, view, ownFiles);
    }

    /// <summary>
    /// Each module's files: the files of the view whose nearest enclosing module directory is that module's, minus
    /// the files that are never source (<see cref="SourceSet.IsNeverSource"/>).
    /// </summary>
    private static Dictionary<string, List<string>> OwnedFiles(RepoView view, HashSet<string> moduleDirs, IReadOnlyCollection<string> notSource)
    {
        var excluded = notSource.ToHashSet(StringComparer.Ordinal);
        var owned = moduleDirs.ToDictionary(d => d, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var file in view.Files)
        {
            if (OwnerOf(file, moduleDirs) is { } owner && !SourceSet.IsNeverSource(file) && !excluded.Contains(file))
            {
                owned[owner].Add(file);
            }
        }

        return owned;
    }

    /// <summary>The nearest module directory containing <paramref name="path"/>, or null.</summary>
    internal static string? OwnerOf(string path, IReadOnlySet<string> moduleDirs)
    {
        for (var i = path.LastIndexOf('/'); i > 0; i = path.LastIndexOf('/', i - 1))
        {
            if (moduleDirs.Contains(path[..i]))
            {
                return path[..i];
            }
        }

        return moduleDirs.Contains(".") ? "." : null;
    }

    /// <param name="neverSource">The files of the view that are never source (<see cref="SourceSet.IsNeverSource"/>).</param>
    private static SourceSet SourceOf(
        IReadOnlyList<string> rootList, IReadOnlyList<string> modDirs, IReadOnlySet<string> moduleDirs, Dictionary<string, List<string>> owned,
        IReadOnlyList<string> neverSource, IReadOnlyList<string> ownFiles)
    {
        var roots = rootList.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rootSet = roots.ToHashSet(StringComparer.Ordinal);
        // Nested modules whose nearest enclosing module is a root: the fileset includes the root's directory, so these
        // are taken out again (deeper ones go with them). OwnerOf a directory looks at its parents only.
        var excludedModules = modDirs
            .Where(d => d != "." && !rootSet.Contains(d) && OwnerOf(d, moduleDirs) is { } parent && rootSet.Contains(parent))
            .ToList();
        var excludedFiles = new SortedSet<string>(StringComparer.Ordinal);
        if (rootSet.Contains("."))
        {
            excludedFiles.UnionWith(ownFiles);
        }

        foreach (var file in neverSource)
        {
            if (OwnerOf(file, moduleDirs) is { } owner && rootSet.Contains(owner) && !excludedFiles.Any(e => file.StartsWith(e + "/", StringComparison.Ordinal)))
            {
                excludedFiles.Add(file);
            }
        }

        // A generated file inside a root that is not the repository root (a module at a path of the user's choosing):
        // left out whether it exists yet or not, so the first run and the next render the same fileset.
        foreach (var file in ownFiles)
        {
            if (OwnerOf(file, moduleDirs) is { } owner && rootSet.Contains(owner) && !SourceSet.IsNeverSource(file))
            {
                excludedFiles.Add(file);
            }
        }

        return new SourceSet(roots, excludedModules, [.. excludedFiles], roots.ToDictionary(r => r, r => (IReadOnlyList<string>)owned[r], StringComparer.Ordinal));
    }

    internal static bool IsGoMod(string file) =>
        (file == "go.mod" || file.EndsWith("/go.mod", StringComparison.Ordinal)) && !file.Split('/')[..^1].Any(IsSkipped);

    private static string DirOf(string file) => file.LastIndexOf('/') is var i and > 0 ? file[..i] : ".";

    internal static string Untracked(RepoView view, string dir) =>
        view.Untracked.Contains(dir == "." ? "go.mod" : dir + "/go.mod", StringComparer.Ordinal)
            ? $" tracked by git ({(dir == "." ? "" : dir + "/")}go.mod is untracked: a git flake does not see it; `git add` it)"
            : "";

    private static string ServiceName(GoModule m, IReadOnlyDictionary<string, string>? overrides)
    {
        if (overrides is not null && overrides.TryGetValue(m.Dir, out var configured))
        {
            return configured;
        }

        // A root module is named after the binary `go install .` builds (direnv for github.com/direnv/direnv/v2), a
        // nested one after its directory, unless that is a major version (tool/v2 builds tool).
        var dirName = m.Dir.Split('/')[^1];
        var name = PackageNames.FromDirectory(m.Dir == "." || PackageNames.IsMajorVersion(dirName) ? PackageNames.Binary(m.Path) : dirName);
        return PackageNames.Problem(name) is { } problem
            ? throw new RepoException(m.Dir == "." ? "go.mod" : m.Dir + "/go.mod", $"the service in {m.Dir} would be named after its directory, but {problem}: set `name:` under services: {m.Dir}: in nixgen.yaml")
            : name;
    }

    private static List<LocalReplace> ResolveLocalReplaces(RepoView view, GoModule m, HashSet<string> moduleDirs, IReadOnlyList<GoModule> modules)
    {
        var root = view.Root;
        var result = new List<LocalReplace>();
        var modFile = m.Dir == "." ? "go.mod" : m.Dir + "/go.mod";
        foreach (var r in m.Mod.LocalReplaces)
        {
            var abs = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, m.Dir, r.NewPath));
            var rel = System.IO.Path.GetRelativePath(root, abs).Replace('\\', '/');
            if (rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(rel))
            {
                throw new RepoException(modFile, r.Position, $"replace {r.OldPath} => {r.NewPath}: points outside the repository; Nix can only build sources inside it");
            }

            if (!Directory.Exists(abs))
            {
                throw new RepoException(modFile, r.Position, $"replace {r.OldPath} => {r.NewPath}: directory does not exist");
            }

            if (!moduleDirs.Contains(rel))
            {
                throw new RepoException(modFile, r.Position, $"replace {r.OldPath} => {r.NewPath}: no go.mod in {rel}{Untracked(view, rel)}");
            }

            // Go refuses a replacement whose go.mod names another module ("module declares its path as ...").
            var target = modules.First(x => x.Dir == rel);
            if (target.Path != r.OldPath)
            {
                throw new RepoException(modFile, r.Position, $"replace {r.OldPath} => {r.NewPath}: {rel}/go.mod declares module {target.Path}, not {r.OldPath}");
            }

            result.Add(new LocalReplace(r.OldPath, rel, r.Position));
        }

        return result;
    }

    internal static string Relative(string root, string abs)
    {
        var rel = System.IO.Path.GetRelativePath(root, abs).Replace('\\', '/');
        return rel.Length == 0 ? "." : rel;
    }

    private static string ReadText(string root, string path)
    {
        var display = Relative(root, path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var link = new FileInfo(path).LinkTarget;
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException when link is not null => $"it is a symbolic link to {link}, which does not exist",
                UnauthorizedAccessException => "permission denied",
                _ when link is not null && e.Message.Contains("symbolic links", StringComparison.OrdinalIgnoreCase) => $"symbolic link loop ({display} -> {link})",
                _ => e.Message.Replace(path, display, StringComparison.Ordinal),
            };
            throw new RepoException(display, $"cannot read: {reason}");
        }

        return SyntaxParser.Decode(display, bytes);
    }

    private static bool IsSkipped(string name) =>
        name is "vendor" or "testdata" or "node_modules" || name.StartsWith('.') || name.StartsWith('_');

    private static GoModule LoadModule(RepoView view, string relDir, List<string> files)
    {
        var prefix = relDir == "." ? "" : relDir + "/";
        var mod = GoModFile.Parse(prefix + "go.mod", ReadText(view.Root, view.FullPath(prefix + "go.mod")));
        var sum = view.Contains(prefix + "go.sum") ? GoSumFile.Parse(prefix + "go.sum", ReadText(view.Root, view.FullPath(prefix + "go.sum"))) : null;
        var hasVendor = view.Contains(prefix + "vendor/modules.txt");
        // Main packages: directories of the module's non-test Go files with `package main`, where Go looks for packages
        // (`./...`: not below an `ignore`d directory either).
        var mains = files
            .Where(f => f.EndsWith(".go", StringComparison.Ordinal) && !f.EndsWith("_test.go", StringComparison.Ordinal))
            .Select(f => (File: f, Dir: InModule(relDir, DirOf(f))))
            .Where(f => f.Dir == "." || (!f.Dir.Split('/').Any(p => IsSkipped(p) || p == "vendor") && !mod.IgnorePatterns.Ignores(f.Dir)))
            .GroupBy(f => f.Dir, StringComparer.Ordinal)
            .Where(g => g.Where(f => ReadHeader(view.FullPath(f.File)) is { Package: "main", Ignored: false }).ToList() is { Count: > 0 } mains
                && mains.Any(f => GoSourceHeader.DeclaresMain(view.FullPath(f.File))))
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new GoModule(relDir, mod, sum, hasVendor, mains);
    }

    private static GoSourceHeader? ReadHeader(string path) => new FileInfo(path).LinkTarget is null || File.Exists(path) ? GoSourceHeader.Read(path) : null;

    /// <summary>A repository-relative directory relative to a module directory (<c>.</c> for the module itself).</summary>
    private static string InModule(string moduleDir, string dir) =>
        moduleDir == "." ? dir : dir == moduleDir ? "." : dir[(moduleDir.Length + 1)..];
}
