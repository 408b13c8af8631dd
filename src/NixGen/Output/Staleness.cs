using NixGen.Trust;

namespace NixGen.Output;

/// <summary>
/// The one staleness decision, <c>nixgen check</c>'s and the tests': a generated file is stale when the unified diff
/// from the repository's text to it is not empty, an obsolete one while it is still there. Only nixgen's own files are
/// read, never through a link: a diff must not print a file from outside the repository.
/// </summary>
internal static class Staleness
{
    /// <summary>The files that make a run's result differ from the repository: none when it is current.</summary>
    /// <remarks>
    /// nixgen.yaml (what <c>init</c> writes) is not compared; nixgen.lock is compared by what it says of the services,
    /// not by its <c>generated</c> record, which only speeds up <c>check</c>.
    /// </remarks>
    /// <param name="comparableLock">nixgen.lock's text without its <c>generated</c> record (Planning's <c>LockFile.Comparable</c>).</param>
    public static IReadOnlyList<StaleFile> Compare(
        string root, IReadOnlyDictionary<string, string> generated, IReadOnlyList<string> obsolete, Func<string, string> comparableLock)
    {
        var paths = new RepoPaths(root);
        var lockPath = Path.Combine(root, OutputNames.Lock);
        var files = generated
            .Where(f => f.Key != OutputNames.Config)
            .Where(f => f.Key != OutputNames.Lock || !File.Exists(lockPath) || comparableLock(File.ReadAllText(lockPath)) != comparableLock(f.Value));
        return [.. Differences(paths, files, obsolete).Where(s => s.Diff.Length > 0)];
    }

    /// <summary>A unified diff from the repository's files to <paramref name="files"/> (and the removal of <paramref name="obsolete"/>).</summary>
    public static string Diff(string root, IReadOnlyDictionary<string, string> files, IReadOnlyList<string> obsolete) =>
        string.Concat(Differences(new RepoPaths(root), files, obsolete).Select(s => s.Diff));

    private static IEnumerable<StaleFile> Differences(RepoPaths paths, IEnumerable<KeyValuePair<string, string>> files, IReadOnlyList<string> obsolete)
    {
        foreach (var rel in obsolete)
        {
            yield return new StaleFile(rel, UnifiedDiff.Create(File.ReadAllText(paths.Output(rel)), "", "a/" + rel, "/dev/null"));
        }

        foreach (var (rel, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = paths.Output(rel);
            var old = File.Exists(path) ? File.ReadAllText(path) : "";
            yield return new StaleFile(rel, UnifiedDiff.Create(old, content, File.Exists(path) ? "a/" + rel : "/dev/null", "b/" + rel));
        }
    }
}
