using System.Text;
using NixGen.GoModules;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// The go.mod and go.work parser agrees with Go itself: the same JSON as `go mod edit -json` / `go work edit -json` for
/// Go's own parser corpus (../shared/corpus), generated files and hand-written edge cases, and Go refuses every
/// malformed case nixgen refuses (the parser's own checks, without go, are in Unit/ParserSpecs).
/// </summary>
[Trait("Category", "Integration")]
public sealed class GoModEditSpecs
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        if (!Repo.HasCorpus)
        {
            return data;
        }

        foreach (var f in Directory.EnumerateFiles(Repo.Corpus, "*.in", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repo.Corpus, f));
        }

        return data;
    }

    [CorpusFact]
    public void The_corpus_of_Go_parser_test_files_is_there() =>
        Assert.True(CorpusFiles().Count >= 15, $"expected Go's modfile test corpus in {Repo.Corpus}");

    [CorpusTheory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_input_parses_to_the_same_model_as_its_golden_file(string relative)
    {
        var input = Path.Combine(Repo.Corpus, relative);
        var golden = Path.ChangeExtension(input, ".golden");
        var a = Canonical(SyntaxParser.Parse(relative, File.ReadAllText(input)));
        var b = Canonical(SyntaxParser.Parse(relative, File.ReadAllText(golden)));
        Assert.Equal(b, a);
    }

    [CorpusTheory]
    [InlineData("module.in")]
    [InlineData("replace.in")]
    [InlineData("replace2.in")]
    [InlineData("retract.in")]
    [InlineData("issue70632.in")]
    [InlineData("gopkg.in.golden")]
    public void Corpus_files_that_are_valid_go_mod_files_parse_semantically_like_go_mod_edit(string name)
    {
        var path = Path.Combine(Repo.Corpus, name);
        var ours = GoModJson.Write(GoModFile.Parse(name, File.ReadAllText(path)));
        Assert.Equal(GoModEditJson(File.ReadAllText(path)), ours);
    }

    [CorpusTheory]
    [InlineData("work/use.in")]
    [InlineData("work/replace.in")]
    [InlineData("work/replace2.in")]
    public void Corpus_go_work_files_parse_like_go_work_edit(string name)
    {
        var path = Path.Combine(Repo.Corpus, name);
        var ours = GoModJson.Write(GoWorkFile.Parse(name, File.ReadAllText(path)));
        using var dir = new TempDir();
        dir.Write("go.work", File.ReadAllText(path));
        var env = GoEnv();
        env["GOWORK"] = Path.Combine(dir.Path, "go.work");
        var (exit, stdout, stderr) = Tools.Run("go", dir.Path, env, "work", "edit", "-json");
        Assert.True(exit == 0, stderr);
        Assert.Equal(stdout, ours);
    }

    [Fact]
    public void Generated_go_mod_files_print_the_same_json_as_go_mod_edit()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 200; i++)
        {
            var text = GoModGenerator.Generate(random);
            var ours = GoModJson.Write(GoModFile.Parse("go.mod", text));
            Assert.True(GoModEditJson(text) == ours, $"case {i}:\n{text}\nours:\n{ours}");
        }
    }

    [Fact]
    public void Directives_newer_than_go_1_23_print_as_go_1_26_prints_them()
    {
        const string text = "module m\n\ngo 1.25\n\ntoolchain go1.26.1\n\ngodebug (\n\tpanicnil=1\n)\n\ntool (\n\tgolang.org/x/tools/cmd/stringer\n)\n\nignore ./node_modules\n";
        const string expected = "{\n\t\"Module\": {\n\t\t\"Path\": \"m\"\n\t},\n\t\"Go\": \"1.25\",\n\t\"Toolchain\": \"go1.26.1\",\n" +
            "\t\"GoDebug\": [\n\t\t{\n\t\t\t\"Key\": \"panicnil\",\n\t\t\t\"Value\": \"1\"\n\t\t}\n\t],\n" +
            "\t\"Require\": null,\n\t\"Exclude\": null,\n\t\"Replace\": null,\n\t\"Retract\": null,\n" +
            "\t\"Tool\": [\n\t\t{\n\t\t\t\"Path\": \"golang.org/x/tools/cmd/stringer\"\n\t\t}\n\t],\n" +
            "\t\"Ignore\": [\n\t\t{\n\t\t\t\"Path\": \"./node_modules\"\n\t\t}\n\t]\n}\n";
        Assert.Equal(expected, GoModJson.Write(GoModFile.Parse("go.mod", text)));
        Assert.Equal(expected, GoModEditJson(text));
    }

    [Fact]
    public void Html_characters_in_strings_are_escaped_as_go_escapes_them()
    {
        const string text = "// Deprecated: use <b> & \"c\" \\ d\nmodule example.com/m\n\nretract v1.0.0 // a<b & c>d \u2028ok\n";
        var ours = GoModJson.Write(GoModFile.Parse("go.mod", text));
        Assert.Contains("\"Deprecated\": \"use \\u003cb\\u003e \\u0026 \\\"c\\\" \\\\ d\"", ours, StringComparison.Ordinal);
        Assert.Contains("\"Rationale\": \"a\\u003cb \\u0026 c\\u003ed \\u2028ok\"", ours, StringComparison.Ordinal);
        Assert.Equal(GoModEditJson(text), ours);
    }

    public static TheoryData<string> EveryCorpusFile()
    {
        var data = new TheoryData<string>();
        foreach (var f in Repo.HasCorpus ? Directory.EnumerateFiles(Repo.Corpus, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [])
        {
            if (f.EndsWith(".in", StringComparison.Ordinal) || f.EndsWith(".golden", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(Repo.Corpus, f).Replace('\\', '/'));
            }
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(EveryCorpusFile))]
    public void Every_corpus_file_go_accepts_prints_what_go_1_26_prints_and_the_others_are_refused(string name)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Corpus, name));
        var work = name.StartsWith("work/", StringComparison.Ordinal);
        using var dir = new TempDir();
        dir.Write(work ? "go.work" : "go.mod", text);
        var env = GoEnv();
        if (work)
        {
            env["GOWORK"] = Path.Combine(dir.Path, "go.work");
        }

        var (exit, stdout, _) = Tools.Run("go", dir.Path, env, work ? "work" : "mod", "edit", "-json");
        string Ours() => work ? GoModJson.Write(GoWorkFile.Parse("go.work", text)) : GoModJson.Write(GoModFile.Parse("go.mod", text, requireModule: false));
        if (exit == 0)
        {
            Assert.Equal(stdout, Ours());
        }
        else
        {
            Assert.Throws<GoModParseException>(Ours);
        }
    }

    [Fact]
    public void Later_replace_of_the_same_module_wins_and_repeated_excludes_collapse_as_in_go()
    {
        const string text = "module m\nexclude x v1.0.0\nexclude x v1.0.0\nreplace a => b v1.0.0\nreplace a v1.0.0 => ../pinned\nreplace a => ../a\n";
        var f = GoModFile.Parse("go.mod", text);
        Assert.Equal(3, f.Replaces.Count);
        Assert.Equal(["../pinned", "../a"], f.EffectiveReplaces.Select(r => r.NewPath));
        Assert.Equal(["../pinned", "../a"], f.LocalReplaces.Select(r => r.NewPath));
        Assert.Single(f.EffectiveExcludes);
        Assert.Equal(GoModEditJson(text), GoModJson.Write(f));
    }

    [Fact]
    public void A_go_work_prints_no_toolchain_or_godebug_as_go_1_26_prints_none()
    {
        const string text = "go 1.25\n\ntoolchain go1.26.1\n\ngodebug panicnil=1\n\nuse ./a\n";
        const string expected = "{\n\t\"Go\": \"1.25\",\n\t\"Use\": [\n\t\t{\n\t\t\t\"DiskPath\": \"./a\"\n\t\t}\n\t],\n\t\"Replace\": null\n}\n";
        Assert.Equal(expected, GoModJson.Write(GoWorkFile.Parse("go.work", text)));
        using var dir = new TempDir();
        dir.Write("go.work", text);
        var env = GoEnv();
        env["GOWORK"] = Path.Combine(dir.Path, "go.work");
        Assert.Equal((0, expected), (Tools.Run("go", dir.Path, env, "work", "edit", "-json") is var r ? (r.Exit, r.Out) : default));
    }

    [Fact]
    public void Repeated_tool_and_ignore_lines_collapse_as_in_go()
    {
        const string text = "module m\ntool a.b/c\ntool a.b/d\ntool a.b/c\nignore ./x\nignore x\nignore ./x\n";
        var f = GoModFile.Parse("go.mod", text);
        Assert.Equal(["a.b/c", "a.b/d"], f.EffectiveTools.Select(t => t.Path));
        Assert.Equal(["./x", "x"], f.EffectiveIgnores.Select(i => i.Path));
        Assert.Equal(GoModEditJson(text), GoModJson.Write(f));
    }

    [Fact]
    public void Incompatible_versions_on_a_major_suffixed_path_parse_as_go_parses_them()
    {
        const string text = "module m\nrequire example.com/x/v2 v2.0.0+incompatible\n";
        Assert.Equal("v2.0.0+incompatible", GoModFile.Parse("go.mod", text).Requires[0].Version);
        Assert.Equal(GoModEditJson(text), GoModJson.Write(GoModFile.Parse("go.mod", text)));
    }

    [Fact]
    public void Go_itself_rejects_every_malformed_go_mod_case()
    {
        var accepted = new List<string>();
        foreach (var c in MalformedCase.Names().Select(MalformedCase.Load).Where(c => c.Kind == "go.mod"))
        {
            using var dir = new TempDir();
            File.WriteAllText(Path.Combine(dir.Path, "go.mod"), c.Input);
            var (exit, _, _) = Tools.Run("go", dir.Path, GoEnv(), "mod", "edit", "-json");
            if (exit == 0 && !c.Name.Contains("nixgen-only", StringComparison.Ordinal))
            {
                accepted.Add(c.Name);
            }
        }

        Assert.Empty(accepted);
    }

    internal static Dictionary<string, string> GoEnv() => new()
    {
        ["GOTOOLCHAIN"] = "local",
        ["GOFLAGS"] = "",
        ["GOPROXY"] = "off",
        ["GOWORK"] = "off",
        ["GOENV"] = "off",
    };

    private static string GoModEditJson(string text)
    {
        using var dir = new TempDir();
        dir.Write("go.mod", text);
        var (exit, stdout, stderr) = Tools.Run("go", dir.Path, GoEnv(), "mod", "edit", "-json");
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    // Tokens unquoted, comments in order: what the .in and .golden files of Go's corpus agree on.
    private static string Canonical(SyntaxFile file)
    {
        var sb = new StringBuilder();
        void Comments(Comments c)
        {
            foreach (var x in c.Before.Concat(c.Suffix).Where(x => !x.IsBlankLine))
            {
                sb.Append("  # ").Append(x.Text).Append('\n');
            }
        }

        string Tok(Token t) => t.Text.StartsWith('"') ? ModulePaths.Unquote(t.Text) : t.Text;
        foreach (var s in file.Statements)
        {
            Comments(s.Comments);
            switch (s)
            {
                case SyntaxLine l:
                    sb.Append("line ").AppendJoin(' ', l.Tokens.Select(Tok)).Append('\n');
                    break;
                case SyntaxBlock b:
                    sb.Append("block ").AppendJoin(' ', b.Tokens.Select(Tok)).Append('\n');
                    foreach (var l in b.Lines)
                    {
                        Comments(l.Comments);
                        sb.Append("  line ").AppendJoin(' ', l.Tokens.Select(Tok)).Append('\n');
                    }

                    Comments(b.CloseComments);
                    sb.Append("end\n");
                    break;
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void Go_itself_refuses_every_go_work_the_corpus_refuses()
    {
        using var dir = new TempDir();
        var cases = RepoCase.Names("bad-repos").Where(n => n.StartsWith("bad-repos/go-work-", StringComparison.Ordinal)).Select(RepoCase.Load).ToList();
        Assert.True(cases.Count >= 8, $"{cases.Count} go.work cases");
        var accepted = new List<string>();
        foreach (var c in cases)
        {
            var root = Path.Combine(dir.Path, string.Concat(c.Name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_')));
            c.Materialize("repo", root, s => s);
            var env = new Dictionary<string, string> { ["GOTOOLCHAIN"] = "local", ["GOFLAGS"] = "", ["GOPROXY"] = "off", ["GOENV"] = "off", ["GOWORK"] = Path.Combine(root, "go.work") };
            if (Tools.Run("go", root, env, "list", "-m").Exit == 0)
            {
                accepted.Add(c.Name);
            }
        }

        Assert.Empty(accepted);
    }
}
