using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>The shape of the code the README promises: small files, stages that do not reach into each other.</summary>
public sealed partial class ArchitectureSpecs
{
    private static IEnumerable<string> SourceFiles(string folder = "") =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", "NixGen", folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [Fact]
    public void No_source_file_is_over_400_lines() =>
        Assert.All(SourceFiles(), f => Assert.True(File.ReadAllLines(f).Length <= 400, $"{Path.GetRelativePath(Repo.Root, f)} has {File.ReadAllLines(f).Length} lines"));

    /// <summary>No method, constructor, accessor or local function spans more than 80 lines (Roslyn's syntax tree, not a guess at braces).</summary>
    [Fact]
    public void No_method_is_over_80_lines() =>
        Assert.True(!SourceFiles().SelectMany(LongMembers).Any(), string.Join("\n", SourceFiles().SelectMany(LongMembers)));

    private static IEnumerable<string> LongMembers(string file)
    {
        var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var name = node switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                LocalFunctionStatementSyntax l => l.Identifier.Text,
                ConstructorDeclarationSyntax c => c.Identifier.Text,
                AccessorDeclarationSyntax a => a.Keyword.Text,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            var span = tree.GetLineSpan(node.Span);
            var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            if (lines > 80)
            {
                yield return $"{Path.GetRelativePath(Repo.Root, file)}:{span.StartLinePosition.Line + 1}: {name} has {lines} lines";
            }
        }
    }

    /// <summary>
    /// Every part of src/NixGen and the parts it may use: the README's architecture, as data. The leaves (naming and
    /// quoting rules, JSON text, the trust boundary, the Go module model, the process runner) use nothing; a stage uses
    /// only earlier stages and leaves, never a sibling (Hashing and Rendering never see each other) or a later one; only
    /// Pipeline wires them and only Cli uses Pipeline. A new folder fails until it is given its place here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Nix"] = [],
        ["Json"] = [],
        ["Naming"] = [],
        ["Trust"] = [],
        ["GoModules"] = [],
        ["Processes"] = [],
        ["Config"] = ["GoModules", "Naming", "Nix", "Trust"],
        ["Discovery"] = ["GoModules", "Naming", "Nix", "Processes", "Trust"],
        ["Planning"] = ["Config", "Discovery", "GoModules", "Json", "Naming", "Nix", "Trust"],
        ["Hashing"] = ["Config", "Discovery", "GoModules", "Json", "Naming", "Nix", "Planning", "Processes", "Trust"],
        ["Rendering"] = ["Config", "Discovery", "GoModules", "Json", "Naming", "Nix", "Planning", "Trust"],
        ["Sbom"] = ["Config", "Discovery", "GoModules", "Hashing", "Json", "Naming", "Nix", "Planning", "Processes", "Trust"],
        ["Output"] = ["Trust"],
        ["Pipeline"] = ["Config", "Discovery", "Hashing", "Planning", "Processes", "Rendering", "Sbom", "Trust"],
        ["Changes"] = ["Config", "Discovery", "GoModules", "Hashing", "Json", "Naming", "Nix", "Output", "Pipeline", "Planning", "Processes", "Rendering", "Sbom", "Trust"],
        ["Cli"] = ["Changes", "Config", "Discovery", "GoModules", "Hashing", "Json", "Naming", "Nix", "Output", "Pipeline", "Planning", "Processes", "Rendering", "Sbom", "Trust"],
    };

    private static IEnumerable<string> Parts() =>
        Directory.EnumerateDirectories(Path.Combine(Repo.Root, "src", "NixGen")).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties")).Order(StringComparer.Ordinal);

    [Fact]
    public void Every_part_of_the_source_has_its_place_in_the_architecture() =>
        Assert.Equal(Parts(), Allowed.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> PartNames() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(PartNames))]
    public void A_part_uses_only_the_parts_before_it(string part)
    {
        var forbidden = SemanticUses(part).Where(u => u.Part != part && !Allowed[part].Contains(u.Part))
            .Select(u => $"{u.Where} uses {u.Symbol} (NixGen.{u.Part})").Distinct(StringComparer.Ordinal).ToList();
        Assert.True(forbidden.Count == 0, string.Join("\n", forbidden));
    }

    /// <summary>src/NixGen compiled by Roslyn with the SDK's implicit global usings and the assemblies the tests run with.</summary>
    private static readonly Lazy<CSharpCompilation> Compilation = new(() =>
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var globalUsings = string.Concat(new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
            .Select(n => $"global using global::{n};\n"));
        var trees = SourceFiles().Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .Append(CSharpSyntaxTree.ParseText(globalUsings, parse, "GlobalUsings.g.cs"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("nixgen", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(p => MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create("nixgen-architecture", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    });

    /// <summary>
    /// Every name in <paramref name="part"/>'s files bound by the compiler (types, members, namespaces; through usings,
    /// global usings, aliases or full names alike) to a symbol of another part of nixgen: the real arrows, not a guess
    /// from <c>using</c> lines.
    /// </summary>
    private static IEnumerable<(string Where, string Symbol, string Part)> SemanticUses(string part) =>
        AllUses.Value.Where(u => u.From == part).Select(u => (u.Where, u.Symbol, u.Part));

    /// <summary>One semantic model per source file, shared by the rules (binding is the expensive part).</summary>
    private static readonly Lazy<List<(SyntaxTree Tree, SemanticModel Model)>> Models = new(() =>
        [.. Compilation.Value.SyntaxTrees.Where(t => t.FilePath.EndsWith(".cs", StringComparison.Ordinal) && t.FilePath.Contains("/src/NixGen/", StringComparison.Ordinal))
            .Select(t => (t, Compilation.Value.GetSemanticModel(t)))]);

    private static readonly Lazy<List<(string From, string Where, string Symbol, string Part)>> AllUses = new(() =>
    {
        var uses = new List<(string From, string Where, string Symbol, string Part)>();
        foreach (var (tree, model) in Models.Value)
        {
            var from = Path.GetRelativePath(Path.Combine(Repo.Root, "src", "NixGen"), tree.FilePath).Split('/')[0];
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var segments = ((symbol as INamespaceSymbol ?? symbol?.ContainingNamespace)?.ToDisplayString() ?? "").Split('.');
                if (segments.Length >= 2 && segments[0] == "NixGen")
                {
                    var line = tree.GetLineSpan(name.Span).StartLinePosition.Line + 1;
                    uses.Add((from, $"{Path.GetRelativePath(Repo.Root, tree.FilePath)}:{line}", symbol!.ToDisplayString(), segments[1]));
                }
            }
        }

        return uses;
    });

    /// <summary>The rule sees what it judges: every declared type resolves (only the source generators' output is missing, as in any compile without them).</summary>
    [Fact]
    public void The_semantic_model_binds_every_name()
    {
        // Declarations only (every type in a signature resolves: the references are complete); bodies are bound by the rules.
        var errors = Compilation.Value.GetDeclarationDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
            .Select(d => d.ToString()).Take(20).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_rule_sees_a_forbidden_use() =>
        Assert.Contains(SemanticUses("Cli"), u => u.Part == "Pipeline");

    [Fact]
    public void Every_process_nixgen_starts_goes_through_the_one_runner_with_its_timeout() =>
        Assert.All(SourceFiles().Where(f => !f.Contains("/Processes/", StringComparison.Ordinal)), f =>
            Assert.False(File.ReadAllText(f).Contains("ProcessStartInfo", StringComparison.Ordinal) || File.ReadAllText(f).Contains("Process.Start(", StringComparison.Ordinal),
                $"{Path.GetRelativePath(Repo.Root, f)} starts a process outside Processes/ToolRunner"));

    /// <summary>
    /// Every source file that writes, moves or deletes a file, and where: only Output writes inside the repository (the
    /// whole change set or nothing); the others write in places of their own. A new writer fails until it is placed here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Writers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["FileWriter.cs"] = "the repository: nixgen's own names through Trust.RepoPaths.Output, temp files then renames",
        ["RepoLock.cs"] = "the run lock inside .git (or the cache), mode 0600",
        ["ResultCache.cs"] = "nixgen's cache directory (results by fingerprint)",
        ["TrustedLocks.cs"] = "nixgen's cache directory (digests of locks this machine rendered)",
        ["ModuleFileHasher.cs"] = "nixgen's cache directory (module files, verified against go.sum)",
        ["Scratch.cs"] = "a fresh temporary directory (checks that it is writable)",
        ["TreeCopier.cs"] = "a fresh temporary directory (a service's source set, copied to vendor or probe it)",
        ["HashStage.cs"] = "the nix strategy's probe: a fresh temporary directory",
        ["Program.cs"] = "NIXGEN_STATS: the file the user names (benchmarks' process counts)",
        ["SbomCommand.cs"] = "nixgen sbom --output: the directory the user names",
        ["AffectedCommand.cs"] = "GITHUB_STEP_SUMMARY: the file the CI runner names (the plan as Markdown, appended)",
    };

    [Fact]
    public void Only_the_writers_placed_in_the_architecture_write_files() =>
        Assert.Equal(
            Writers.Keys.Order(StringComparer.Ordinal),
            SourceFiles().Where(f => WritesFiles().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(File\.(Write\w*|AppendAll\w*|Move|Delete|Copy|Create\w*|Replace|SetUnixFileMode)|Directory\.(Delete|Move|CreateSymbolicLink)|new FileStream)\(")]
    private static partial System.Text.RegularExpressions.Regex WritesFiles();

    /// <summary>JSON is written one way (<c>Json/JsonText</c>: sorted where it matters, no needless escapes): no other serializer call.</summary>
    [Fact]
    public void Json_is_written_only_through_the_one_writer() =>
        Assert.Empty(SourceFiles().Where(f => !f.Contains("/Json/", StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"JsonSerializer\.Serialize|\.ToJsonString\(|new Utf8JsonWriter"))
            .Select(f => Path.GetRelativePath(Repo.Root, f)));

    /// <summary>nixgen's own digests are one SHA-256 (<c>Planning/Digest</c>); Go's h1:, Nix's NAR and flat hashes are formats of their own, each in one place.</summary>
    [Fact]
    public void Sha256_is_computed_only_by_the_digest_and_the_foreign_formats() =>
        Assert.Equal(
            ["Digest.cs", "GoDirHash.cs", "NarHasher.cs", "SriHash.cs"],
            SourceFiles().Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"SHA256\.HashData|IncrementalHash\.Create|""sha256-"" \+"))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    /// <summary>Modules mode is asked of one component (<c>Planning/ModulesMode</c>): outside Config, no one reads the setting itself.</summary>
    [Fact]
    public void Modules_mode_is_asked_of_its_one_component()
    {
        var reads = AllUses.Value.Where(u => u.Symbol is "NixGen.Config.ServiceConfig.ModulesMode" or "NixGen.Config.NixGenConfig.ModulesMode").ToList();
        Assert.Contains(reads, u => u.Where.StartsWith("src/NixGen/Planning/ModulesMode.cs:", StringComparison.Ordinal)); // the rule sees the reads
        Assert.Empty(reads.Where(u => u.From != "Config" && !u.Where.StartsWith("src/NixGen/Planning/ModulesMode.cs:", StringComparison.Ordinal)).Select(u => u.Where));
    }

    [Fact]
    public void The_executable_exposes_no_public_type() =>
        Assert.Empty(typeof(NixGen.Cli.Program).Assembly.GetExportedTypes());
}
