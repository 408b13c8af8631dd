using NixGen.GoModules;

namespace NixGen.Discovery;

/// <summary>Finds the Go modules, workspaces and services of a repository on disk.</summary>
public static class RepoScanner
{
    private static readonly EnumerationOptions Shallow = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = FileAttributes.None,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Scans <paramref name="root"/>; throws <see cref="RepoException"/> or <see cref="GoModParseException"/> on bad input.</summary>
    public static Repository Scan(string root, IReadOnlyDictionary<string, string>? serviceNames = null)
    {
        root = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new RepoException(root, "repository directory does not exist");
        }

        var modDirs = new List<string>();
        FindModuleDirs(root, root, modDirs);
        if (modDirs.Count == 0)
        {
            throw new RepoException(root, "no go.mod found (nixgen looks below the repository root, skipping vendor/, testdata/, node_modules/ and hidden directories)");
        }

        modDirs.Sort(StringComparer.Ordinal);
        var moduleDirSet = modDirs.ToHashSet(StringComparer.Ordinal);
        var modules = modDirs.Select(d => LoadModule(root, d, moduleDirSet)).ToList();

        GoWorkFile? work = null;
        string? workFile = null;
        var workPath = System.IO.Path.Combine(root, "go.work");
        if (File.Exists(workPath))
        {
            workFile = "go.work";
            work = GoWorkFile.Parse(workFile, ReadText(root, workPath));
            foreach (var use in work.Uses)
            {
                var dir = Relative(root, System.IO.Path.GetFullPath(System.IO.Path.Combine(root, use.DiskPath)));
                if (dir == ".." || dir.StartsWith("../", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(dir))
                {
                    throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: points outside the repository");
                }

                if (!moduleDirSet.Contains(dir))
                {
                    throw new RepoException(workFile, use.Position, $"use {use.DiskPath}: no go.mod in that directory");
                }
            }
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
            services.Add(new Service(name, m, ResolveLocalReplaces(root, m, moduleDirSet, modules)));
        }

        services.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new Repository(root, modules, services, work, workFile);
    }

    private static string ServiceName(GoModule m, IReadOnlyDictionary<string, string>? overrides)
    {
        if (overrides is not null && overrides.TryGetValue(m.Dir, out var configured))
        {
            return configured;
        }

        var last = m.Dir == "." ? m.Path.Split('/')[^1] : m.Dir.Split('/')[^1];
        return last;
    }

    private static List<LocalReplace> ResolveLocalReplaces(string root, GoModule m, HashSet<string> moduleDirs, IReadOnlyList<GoModule> modules)
    {
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
                throw new RepoException(modFile, r.Position, $"replace {r.OldPath} => {r.NewPath}: no go.mod in {rel}");
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

    private static void FindModuleDirs(string root, string dir, List<string> found)
    {
        var goMod = System.IO.Path.Combine(dir, "go.mod");
        if (Directory.Exists(goMod) && new DirectoryInfo(goMod).LinkTarget is null)
        {
            throw new RepoException(Relative(root, goMod), "is a directory, not a go.mod file");
        }

        if (File.Exists(goMod) || new FileInfo(goMod).LinkTarget is not null)
        {
            found.Add(Relative(root, dir));
        }

        foreach (var sub in SubDirectories(dir))
        {
            FindModuleDirs(root, sub, found);
        }
    }

    // Symbolic links to directories are not followed: Nix copies them as links, and following them risks loops.
    private static IEnumerable<string> SubDirectories(string dir)
    {
        var subs = new DirectoryInfo(dir).EnumerateDirectories("*", Shallow)
            .Where(d => d.LinkTarget is null && !IsSkipped(d.Name))
            .Select(d => d.FullName)
            .ToList();
        subs.Sort(StringComparer.Ordinal);
        return subs;
    }

    private static GoModule LoadModule(string root, string relDir, HashSet<string> moduleDirs)
    {
        var dir = relDir == "." ? root : System.IO.Path.Combine(root, relDir);
        var prefix = relDir == "." ? "" : relDir + "/";
        var mod = GoModFile.Parse(prefix + "go.mod", ReadText(root, System.IO.Path.Combine(dir, "go.mod")));
        var sumPath = System.IO.Path.Combine(dir, "go.sum");
        var sum = File.Exists(sumPath) ? GoSumFile.Parse(prefix + "go.sum", ReadText(root, sumPath)) : null;
        var hasVendor = File.Exists(System.IO.Path.Combine(dir, "vendor", "modules.txt"));
        var mains = new List<string>();
        FindMainPackages(root, dir, dir, moduleDirs, mains);
        mains.Sort(StringComparer.Ordinal);
        return new GoModule(relDir, mod, sum, hasVendor, mains);
    }

    private static void FindMainPackages(string root, string moduleDir, string dir, HashSet<string> moduleDirs, List<string> mains)
    {
        if (dir != moduleDir && moduleDirs.Contains(Relative(root, dir)))
        {
            return; // a nested module owns this tree
        }

        var isMain = Directory.EnumerateFiles(dir, "*.go", Shallow)
            .Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Any(f => GoSourceHeader.Read(f) is { Package: "main", Ignored: false });
        if (isMain)
        {
            mains.Add(Relative(moduleDir, dir));
        }

        foreach (var sub in SubDirectories(dir))
        {
            FindMainPackages(root, moduleDir, sub, moduleDirs, mains);
        }
    }
}
