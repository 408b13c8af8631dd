using System.Text;
using CsCheck;
using NixGen.GoModules;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

public sealed class ParserSpecs
{
    private static readonly string[] FileKinds = ["go.mod", "go.work"];

    [Fact]
    public void A_go_mod_without_tools_or_ignores_still_prints_them_as_null_as_go_1_26_does()
    {
        const string expected = "{\n\t\"Module\": {\n\t\t\"Path\": \"m\"\n\t},\n\t\"Require\": null,\n\t\"Exclude\": null,\n" +
            "\t\"Replace\": null,\n\t\"Retract\": null,\n\t\"Tool\": null,\n\t\"Ignore\": null\n}\n";
        Assert.Equal(expected, GoModJson.Write(GoModFile.Parse("go.mod", "module m\n")));
    }

    [Fact]
    public void Comments_carry_deprecation_indirect_and_retraction_rationale()
    {
        var f = GoModFile.Parse("go.mod", "// Deprecated: use example.com/new\nmodule example.com/old\n\nrequire (\n\tgolang.org/x/text v0.14.0 // indirect\n\tgithub.com/x/y v1.0.0\n)\n\n// Published too early.\nretract [v1.0.0, v1.0.5]\n");
        Assert.Equal("use example.com/new", f.Deprecated);
        Assert.True(f.Requires[0].Indirect);
        Assert.False(f.Requires[1].Indirect);
        Assert.Equal("Published too early.", f.Retracts[0].Rationale);
        Assert.Equal(("v1.0.0", "v1.0.5"), (f.Retracts[0].Low, f.Retracts[0].High));
    }

    [Fact]
    public void Local_replaces_are_told_apart_from_module_replaces()
    {
        var f = GoModFile.Parse("go.mod", "module m\nreplace (\n\ta => ../a\n\tb v1.0.0 => c v1.1.0\n\td => /abs/d\n)\n");
        Assert.Equal(["../a", "/abs/d"], f.LocalReplaces.Select(r => r.NewPath));
    }

    public static TheoryData<string> MalformedCases() => [.. MalformedCase.Names()];

    [Fact]
    public void There_are_at_least_a_hundred_malformed_cases() => Assert.True(MalformedCases().Count >= 100, $"{MalformedCases().Count} cases");

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void Malformed_input_gets_one_clear_message_with_its_position(string @case)
    {
        var c = MalformedCase.Load(@case);
        var e = Assert.Throws<GoModParseException>(() => Parse(c.Kind, c.Input));
        Assert.Equal(c.Expected, e.Message);
    }

    [Fact]
    public void The_fast_canonical_version_check_agrees_with_the_full_one()
    {
        string[] known = ["v1.2.3", "v0.0.0-20200101000000-abcdef123456", "v2.0.0+incompatible", "v1.0.0-rc.1", "v1.0.0-01", "v1.0.0-0a",
            "v01.0.0", "v1.2", "v1.2.3+meta", "v1.2.3-", "v1.2.3-a..b", "1.2.3", "v1.2.3-x.0.y", "v1.0.0-rc.1+incompatible"];
        foreach (var v in known)
        {
            Assert.True(GoVersions.IsCanonical(v) == (GoVersions.Canonical(v) == v), v);
        }

        Gen.Select(Gen.Int[0, 9].Array[1, 3], Gen.Char["0123456789.-+vabcincompatible"].Array[0, 12])
            .Sample((digits, tail) =>
            {
                var v = "v" + string.Join(".", digits) + new string(tail);
                return GoVersions.IsCanonical(v) == (GoVersions.Canonical(v) == v);
            }, iter: 20_000);
    }

    [Fact]
    public void Random_mutations_of_valid_files_never_crash_the_parser()
    {
        var seeds = (Repo.HasCorpus ? Directory.EnumerateFiles(Repo.Corpus, "*.golden", SearchOption.AllDirectories) : []).Select(File.ReadAllText)
            .Concat(Directory.EnumerateFiles(Repo.Example, "go.mod", SearchOption.AllDirectories).Select(File.ReadAllText))
            .ToArray();
        var alphabet = "()[]{},=>\"`'/\\\n\r\t vx.0123456789@+-:ä\u00a0\ufeff\0";
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 1000].Array[1, 12], Gen.Int[0, alphabet.Length - 1].Array[12])
            .Sample((seed, positions, chars) =>
            {
                var sb = new StringBuilder(seeds[seed]);
                for (var i = 0; i < positions.Length; i++)
                {
                    var at = sb.Length == 0 ? 0 : positions[i] % sb.Length;
                    if (i % 3 == 0 && sb.Length > 0)
                    {
                        sb.Remove(at, 1);
                    }
                    else
                    {
                        sb.Insert(at, alphabet[chars[i]]);
                    }
                }

                var text = sb.ToString();
                foreach (var kind in FileKinds)
                {
                    try
                    {
                        Parse(kind, text);
                    }
                    catch (GoModParseException e)
                    {
                        Assert.Matches(@"^go\.(mod|work):\d+:\d+: \S", e.Message);
                    }
                }
            }, iter: 3000);
    }

    [Fact]
    public void Large_go_sum_and_go_mod_files_parse()
    {
        var sum = new StringBuilder();
        var mod = new StringBuilder("module example.com/big\n\ngo 1.23\n\nrequire (\n");
        for (var i = 0; i < 10000; i++)
        {
            sum.Append($"example.com/m{i} v1.{i % 50}.0 h1:{Convert.ToBase64String(new byte[32])}\n");
            sum.Append($"example.com/m{i} v1.{i % 50}.0/go.mod h1:{Convert.ToBase64String(new byte[32])}\n");
            if (i < 2000)
            {
                mod.Append($"\texample.com/m{i} v1.{i % 50}.0\n");
            }
        }

        Assert.Equal(20000, GoSumFile.Parse("go.sum", sum.ToString()).Entries.Count);
        Assert.Equal(2000, GoModFile.Parse("go.mod", mod.Append(")\n").ToString()).Requires.Count);
    }

    internal static object Parse(string kind, string text) => kind switch
    {
        "go.mod" => GoModFile.Parse("go.mod", text),
        "go.work" => GoWorkFile.Parse("go.work", text),
        "go.sum" => GoSumFile.Parse("go.sum", text),
        _ => throw new ArgumentException(kind),
    };
}
