using NixGen.Processes;
using NixGen.Trust;

namespace NixGen.Discovery;

/// <summary>
/// The files of the repository as the flake's <c>self</c> holds them: in a git repository the files git tracks
/// (with their working-tree content, as a dirty git flake is copied), elsewhere every file (a <c>path:</c> flake).
/// Untracked and ignored files never reach a derivation, so nixgen never reads them for anything that hashes.
/// </summary>
internal sealed class RepoView
{
    private readonly HashSet<string> _files;

    private RepoView(string root, bool isGit, List<string> files, List<string> untracked)
    {
        Root = root;
        IsGit = isGit;
        files.Sort(StringComparer.Ordinal);
        untracked.Sort(StringComparer.Ordinal);
        Files = files;
        Untracked = untracked;
        _files = files.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The repository root (the flake's directory), absolute.</summary>
    public string Root { get; }

    /// <summary>Whether the root is inside a git work tree (a git flake sees tracked files only).</summary>
    public bool IsGit { get; }

    /// <summary>Files (regular files and symbolic links) relative to <see cref="Root"/>, <c>/</c>-separated, ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Files git does not track and does not ignore (a file the user may have forgotten to <c>git add</c>).</summary>
    public IReadOnlyList<string> Untracked { get; }

    public bool Contains(string relativePath) => _files.Contains(relativePath);

    /// <summary>The absolute path of a file of the view.</summary>
    public string FullPath(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>
    /// Reads the view of <paramref name="root"/>: <c>git ls-files</c> when it is inside a git work tree, else a walk
    /// of the directory. Throws <see cref="RepoException"/> when git is needed but missing or fails, and
    /// <see cref="UnsafePathException"/> when a file nixgen reads is a symbolic link that leads outside the repository.
    /// </summary>
    public static RepoView Load(string root, ToolRunner? runner = null)
    {
        root = Path.GetFullPath(root);
        var view = GitDirAbove(root) is null ? WorkingTree(root) : Git(root, runner ?? new ToolRunner());
        new RepoPaths(root).CheckInputs(view.Files);
        return view;
    }

    /// <summary>Every file below <paramref name="root"/> (what a <c>path:</c> flake copies).</summary>
    public static RepoView WorkingTree(string root)
    {
        var files = new List<string>();
        Walk(root, "", files);
        return new RepoView(Path.GetFullPath(root), false, files, []);
    }

    private static void Walk(string dir, string prefix, List<string> files)
    {
        foreach (var e in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = FileAttributes.None, IgnoreInaccessible = false }))
        {
            var rel = prefix + e.Name;
            if (e is DirectoryInfo && e.LinkTarget is null)
            {
                Walk(e.FullName, rel + "/", files);
            }
            else
            {
                files.Add(rel);
            }
        }
    }

    private static string? GitDirAbove(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            var git = Path.Combine(d.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return git;
            }
        }

        return null;
    }

    private static RepoView Git(string root, ToolRunner runner)
    {
        // -t tags each path: H (and S, M) for tracked entries, ? for untracked files that are not ignored.
        var output = RunGit(runner, root, "ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard");
        var tracked = new List<string>();
        var untracked = new List<string>();
        foreach (var entry in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length < 3 || entry[1] != ' ')
            {
                continue;
            }

            var path = entry[2..];
            var info = new FileInfo(Path.Combine(root, path));
            // A tracked file deleted in the work tree is not copied; a submodule (a directory) brings no files.
            if (!info.Exists && info.LinkTarget is null)
            {
                continue;
            }

            (entry[0] == '?' ? untracked : tracked).Add(path);
        }

        return new RepoView(root, true, tracked, untracked);
    }

    private static string RunGit(ToolRunner runner, string root, params string[] args)
    {
        ToolResult result;
        try
        {
            result = runner.Run("git", a => a.Add(args), root, new Dictionary<string, string?> { ["GIT_OPTIONAL_LOCKS"] = "0" }, throwOnFailure: false);
        }
        catch (ToolException e) when (e.Failure is { Tool: "git", Kind: ToolFailureKind.NotFound or ToolFailureKind.CannotStart })
        {
            throw new RepoException(root, "is inside a git repository but `git` is not on PATH: nixgen needs it to see the files a git flake sees (the tracked ones)");
        }

        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new RepoException(root, $"git {string.Join(' ', args)} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
    }
}
