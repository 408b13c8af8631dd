namespace NixGen.Tests.Support;

/// <summary>A directory that exists for one test and is deleted afterwards (read-only module cache files included).</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("nixgen-test-").FullName;

    public string Path { get; }

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose() => NixGen.Hashing.TreeCopier.DeleteTree(Path);
}
