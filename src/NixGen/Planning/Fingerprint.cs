using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>
/// Digests of every input that can change a service's hashes, all read from its <see cref="SourceSet"/>, and nothing
/// else (an input that cannot change them would make `check` fail an honest pull request): for a vendored service its
/// go.mod and go.sum, the imports of its packages, the files of each local replace target that Go may vendor, the Go
/// vendoring format, the strategy, and whether vendor/ is committed; for a modules-mode service or one that needs no
/// fetch (<see cref="VendorShortcuts"/>) only go.mod, go.sum and vendor/, whose hashes no library edit and no Go can change.
/// </summary>
internal static class Fingerprint
{
    /// <summary>Which inputs decide a service's hashes.</summary>
    public static HashInputs KindOf(Service service, bool modulesMode) =>
        modulesMode ? HashInputs.ModuleFiles : VendorShortcuts.Classify(service) is not null ? HashInputs.Nothing : HashInputs.VendorTree;

    public static SortedDictionary<string, string> Of(
        Repository repo,
        Service service,
        string goToolchain,
        string strategy,
        IReadOnlyDictionary<string, SortedDictionary<string, string>> trees,
        bool modulesMode = false)
    {
        var m = service.Module;
        var prefix = m.Dir == "." ? "" : m.Dir + "/";
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["go.mod"] = Digest.OfFile(repo.View.FullPath(prefix + "go.mod")),
            ["go.sum"] = service.Source.Contains(prefix + "go.sum") ? Digest.OfFile(repo.View.FullPath(prefix + "go.sum")) : "none",
            ["vendor"] = m.HasVendorDir ? "committed" : "none",
        };
        var kind = KindOf(service, modulesMode);
        if (kind == HashInputs.ModuleFiles)
        {
            // Modules mode hashes the module files go.sum names: switching modes re-plans the service.
            inputs["mode"] = "modules";
        }

        if (kind != HashInputs.VendorTree)
        {
            return inputs;
        }

        inputs["imports"] = Digest.Of(string.Join("\n", service.Imports));
        inputs["go"] = goToolchain;
        inputs["strategy"] = strategy;
        foreach (var r in service.LocalReplaces)
        {
            inputs["replace:" + r.TargetDir] = TreeDigest(trees.TryGetValue(r.TargetDir, out var known) ? known : TreeFiles(repo, service.Source, r.TargetDir));
        }

        return inputs;
    }



    /// <summary>
    /// The files of a replace target that Go may copy into vendor/ (<see cref="SourceSet.MayBeVendored"/>), each with a
    /// short content digest (<c>x</c> appended for executables, <c>@target</c> for symbolic links): kept in the lock
    /// so a change can be explained file by file.
    /// </summary>
    public static SortedDictionary<string, string> TreeFiles(Repository repo, SourceSet source, string dir)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var rel in source.FilesOf(dir).Where(SourceSet.MayBeVendored))
        {
            files[rel] = Digest.OfEntry(repo.View.FullPath(dir == "." ? rel : dir + "/" + rel), hexLength: 16);
        }

        return files;
    }

    /// <summary>One digest of a tree listing from <see cref="TreeFiles"/>.</summary>
    public static string TreeDigest(IReadOnlyDictionary<string, string> files) =>
        Digest.Of(string.Concat(files.Select(f => f.Key + "\0" + f.Value + "\n")));
}
