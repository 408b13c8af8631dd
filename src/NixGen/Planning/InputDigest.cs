using System.Reflection;
using System.Text;
using NixGen.Discovery;

namespace NixGen.Planning;

/// <summary>
/// One digest of everything the generated files are made from, computed without parsing anything: this nixgen,
/// nixgen.yaml and its template overrides, go.work and flake.lock, the Go series that vendors, the strategy asked for,
/// and every file of the repository view that belongs to a module (path, content, executable bit). A superset of the
/// real inputs: an edit it covers that changes nothing only costs a full check, never a wrong "current".
/// </summary>
internal static class InputDigest
{
    /// <summary>nixgen's release (without build metadata, so a rebuild of one release does not change lock files).</summary>
    private static readonly string Version =
        (typeof(InputDigest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "").Split('+')[0];

    /// <summary>The built-in templates: a template change invalidates every recorded digest, even within a release.</summary>
    private static readonly Lazy<string> Templates = new(() =>
    {
        var assembly = typeof(InputDigest).Assembly;
        using var all = new MemoryStream();
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            all.Write(Encoding.UTF8.GetBytes(name + "\0"));
            using var stream = assembly.GetManifestResourceStream(name)!;
            stream.CopyTo(all);
        }

        return Digest.Of(all.ToArray())[..16];
    });

    /// <summary>This nixgen as far as generated files are concerned: its release and its built-in templates.</summary>
    public static string NixgenIdentity => Version + " " + Templates.Value;

    /// <param name="outputs">The files nixgen generates (a custom outputFile among them): outputs are never inputs.</param>
    /// <param name="written">Inputs this run is about to write (the nixgen.yaml of `init`): digested as written.</param>
    public static string Compute(RepoView view, string goSeries, string? strategy, IReadOnlyCollection<string> outputs, IReadOnlyDictionary<string, string>? written = null)
    {
        var moduleDirs = view.Files.Where(RepoScanner.IsGoMod)
            .Select(f => f.LastIndexOf('/') is var i and > 0 ? f[..i] : ".")
            .ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder()
            .Append("nixgen ").Append(Version).Append(' ').Append(Templates.Value).Append('\n')
            .Append("go ").Append(goSeries).Append('\n')
            .Append("strategy ").Append(strategy ?? "-").Append('\n');
        foreach (var file in view.Files)
        {
            if (outputs.Contains(file))
            {
                continue;
            }

            var input = Trust.OutputNames.DigestedInputs.Contains(file) || file.StartsWith(".nixgen/", StringComparison.Ordinal)
                || (!SourceSet.IsNeverSource(file) && RepoScanner.OwnerOf(file, moduleDirs) is not null);
            if (input && !Trust.OutputNames.DigestedInputs.Contains(file))
            {
                text.Append(file).Append('\0').Append(FileDigest(view.FullPath(file))).Append('\n');
            }
        }

        // Only a present one is recorded, so the digests of repositories without one stay as they were.
        foreach (var file in Trust.OutputNames.WrittenWhereAbsent.Where(f => outputs.Contains(f) || File.Exists(view.FullPath(f))))
        {
            text.Append(file).Append(" present\n");
        }

        // Read by nixgen whether git tracks them or not (nixgen.yaml before its first commit, say).
        foreach (var file in Trust.OutputNames.DigestedInputs)
        {
            var digest = written is not null && written.TryGetValue(file, out var content)
                ? Digest.Of(content)
                : File.Exists(view.FullPath(file)) ? FileDigest(view.FullPath(file)) : null;
            if (digest is not null)
            {
                text.Append(file).Append('\0').Append(digest).Append('\n');
            }
        }

        return Digest.Of(text.ToString());
    }

    /// <summary>A file as the digests record it (<see cref="Digest.OfEntry"/>: a link by its target, <c>x</c> for executables).</summary>
    public static string FileDigest(string path) => Digest.OfEntry(path);
}
