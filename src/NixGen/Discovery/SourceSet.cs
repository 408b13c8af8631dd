namespace NixGen.Discovery;

/// <summary>
/// The files of one service's <c>src</c>, defined once: the files of the repository view (<see cref="RepoView"/>)
/// whose module (the nearest directory with a go.mod) is the service's module or one of its local replace targets,
/// minus nixgen's own files and go.work. The scratch tree nixgen vendors, the fingerprint, committed-vendor
/// detection and the rendered <c>lib.fileset</c> expression all come from this object.
/// </summary>
/// <param name="Roots">Module directories whose files are included: the service's module and its local replace targets.</param>
/// <param name="ExcludedModules">Modules nested below a root that are not roots themselves: their files are left out.</param>
/// <param name="ExcludedFiles">Files (or directories) below a root that are never source: nixgen's outputs, go.work.</param>
/// <param name="FilesByRoot">The files each root contributes, relative to the repository root, in ordinal order.</param>
internal sealed record SourceSet(
    IReadOnlyList<string> Roots,
    IReadOnlyList<string> ExcludedModules,
    IReadOnlyList<string> ExcludedFiles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FilesByRoot)
{
    /// <summary>Every file of the set, relative to the repository root, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; } = [.. FilesByRoot.Values.SelectMany(f => f).Order(StringComparer.Ordinal)];

    /// <summary>Whether the set holds <paramref name="path"/> (relative to the repository root).</summary>
    public bool Contains(string path) => _set.Contains(path);

    private readonly HashSet<string> _set = FilesByRoot.Values.SelectMany(f => f).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a file of the view is never source: one of nixgen's own files whatever the configuration
    /// (<see cref="Trust.OutputNames.NeverSource"/>: a service that replaces the repository root would otherwise vendor the
    /// flake that holds its own hash), or a go.work (buildGoModule builds outside
    /// workspace mode; a go.work in <c>src</c> would switch <c>go mod vendor</c> into it).
    /// </summary>
    public static bool IsNeverSource(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name is "go.work" or "go.work.sum")
        {
            return true;
        }

        foreach (var g in Trust.OutputNames.NeverSource)
        {
            if (path == g || (path.Length > g.Length && path[g.Length] == '/' && path.StartsWith(g, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The files root <paramref name="dir"/> contributes, relative to that directory.</summary>
    public IEnumerable<string> FilesOf(string dir) =>
        FilesByRoot.TryGetValue(dir, out var files) ? files.Select(f => dir == "." ? f : f[(dir.Length + 1)..]) : [];

    /// <summary>
    /// Whether <c>go mod vendor</c> can copy a file of a replaced module into <c>vendor/</c>: it copies every file of a
    /// needed package directory except <c>_test.go</c> files, and Go never takes packages from <c>testdata</c> or
    /// <c>vendor</c> directories. The fingerprint of a replace target covers exactly these files.
    /// </summary>
    public static bool MayBeVendored(string pathInModule)
    {
        if (pathInModule.EndsWith("_test.go", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in pathInModule.Split('/')[..^1])
        {
            if (part is "testdata" or "vendor")
            {
                return false;
            }
        }

        return true;
    }
}
