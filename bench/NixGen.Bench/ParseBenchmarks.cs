using System.Text;
using BenchmarkDotNet.Attributes;
using NixGen.GoModules;

namespace NixGen.Bench;

/// <summary>
/// Parsing a 20,000-line go.sum and a go.mod with 2,000 requires, each against the floor of reading the same text:
/// splitting it into lines and fields (the baseline). The ratio says what the full parser (validation, positions,
/// comments) costs on top of merely touching every byte.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _goSum = "";
    private string _goMod = "";

    [GlobalSetup]
    public void Setup()
    {
        _goSum = LargeGoSum(10_000);
        _goMod = LargeGoMod(2_000);
    }

    public static string LargeGoSum(int modules)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < modules; i++)
        {
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
            sb.Append("github.com/org").Append(i % 97).Append("/module").Append(i).Append(" v1.").Append(i % 13).Append('.').Append(i % 7).Append(" h1:").Append(hash).Append('\n');
            sb.Append("github.com/org").Append(i % 97).Append("/module").Append(i).Append(" v1.").Append(i % 13).Append('.').Append(i % 7).Append("/go.mod h1:").Append(hash).Append('\n');
        }

        return sb.ToString();
    }

    public static string LargeGoMod(int requires)
    {
        var sb = new StringBuilder("// Service with many dependencies.\nmodule example.com/big\n\ngo 1.23\n\ntoolchain go1.23.5\n\nrequire (\n");
        for (var i = 0; i < requires; i++)
        {
            sb.Append("\tgithub.com/org").Append(i % 97).Append("/module").Append(i).Append(" v1.").Append(i % 13).Append('.').Append(i % 7);
            sb.Append(i % 3 == 0 ? " // indirect\n" : "\n");
        }

        sb.Append(")\n\nreplace github.com/org1/module1 => ../local/module1\n\nexclude github.com/org2/module2 v0.0.1\n\nretract [v0.1.0, v0.2.0] // broken\n");
        return sb.ToString();
    }

    [Benchmark(Baseline = true, Description = "go.sum 20k lines: split lines+fields (floor)")]
    public int GoSumSplit() => SplitFields(_goSum);

    [Benchmark(Description = "go.sum 20k lines: GoSumFile.Parse")]
    public int GoSumParse() => GoSumFile.Parse("go.sum", _goSum).Entries.Count;

    [Benchmark(Description = "go.mod 2k requires: split lines+fields (floor)")]
    public int GoModSplit() => SplitFields(_goMod);

    [Benchmark(Description = "go.mod 2k requires: GoModFile.Parse")]
    public int GoModParse() => GoModFile.Parse("go.mod", _goMod).Requires.Count;

    private static int SplitFields(string text)
    {
        var fields = 0;
        foreach (var line in text.Split('\n'))
        {
            fields += line.Split(' ', '\t').Length;
        }

        return fields;
    }
}
