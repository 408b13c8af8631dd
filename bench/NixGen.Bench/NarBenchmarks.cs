using BenchmarkDotNet.Attributes;
using NixGen.Hashing;

namespace NixGen.Bench;

/// <summary>The in-process NAR hasher on a vendor-like tree (the baseline, `nix hash path`, is timed by `macro`).</summary>
[MemoryDiagnoser]
public class NarBenchmarks
{
    private string _tree = "";

    [GlobalSetup]
    public void Setup()
    {
        _tree = Directory.CreateTempSubdirectory("nixgen-bench-nar-").FullName;
        Trees.WriteVendorLike(_tree, modules: 40, filesPerModule: 25);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_tree, recursive: true);

    [Benchmark(Description = "NarHasher.HashPath, 1000 files")]
    public string Hash() => NarHasher.HashPath(_tree);
}

/// <summary>Synthetic trees shaped like vendor/ directories.</summary>
public static class Trees
{
    public static long WriteVendorLike(string root, int modules, int filesPerModule)
    {
        var random = new Random(7);
        long bytes = 0;
        for (var m = 0; m < modules; m++)
        {
            var dir = Path.Combine(root, "example.org", $"m{m:D3}", "pkg");
            Directory.CreateDirectory(dir);
            for (var f = 0; f < filesPerModule; f++)
            {
                var content = new byte[random.Next(512, 16_384)];
                random.NextBytes(content);
                File.WriteAllBytes(Path.Combine(dir, $"file{f}.go"), content);
                bytes += content.Length;
            }
        }

        File.WriteAllText(Path.Combine(root, "modules.txt"), "# example.org/m000 v1.0.0\n## explicit; go 1.21\nexample.org/m000/pkg\n");
        return bytes;
    }
}
