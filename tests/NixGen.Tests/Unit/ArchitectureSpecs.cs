using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>The shape of the code the README promises: small files, stages that do not reach into each other.</summary>
public sealed class ArchitectureSpecs
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
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var name = node switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m => m.Identifier.Text,
                Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax l => l.Identifier.Text,
                Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax c => c.Identifier.Text,
                Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax a => a.Keyword.Text,
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
        ["Pipeline"] = ["Config", "Discovery", "GoModules", "Hashing", "Json", "Naming", "Nix", "Output", "Planning", "Processes", "Rendering", "Sbom", "Trust"],
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
        var forbidden = Allowed.Keys.Where(p => p != part && !Allowed[part].Contains(p)).ToList();
        Assert.All(SourceFiles(part), f =>
        {
            var text = File.ReadAllText(f);
            Assert.Empty(forbidden.Where(p => Uses(text, "NixGen." + p)).Select(p => $"{Path.GetRelativePath(Repo.Root, f)} uses NixGen.{p}"));
        });
    }

    [Fact]
    public void The_rule_sees_a_forbidden_use() =>
        Assert.True(Uses("var x = Rendering.FlakeFiles.Flake;", "NixGen.Rendering") && Uses("using NixGen.Hashing;", "NixGen.Hashing") && !Uses("// Rendering.FlakeFiles", "NixGen.Rendering"));

    /// <summary>A <c>using</c> of the namespace, or a name qualified with it (<c>Rendering.FlakeFiles</c>), outside comments.</summary>
    private static bool Uses(string text, string ns)
    {
        var shortName = ns["NixGen.".Length..];
        return text.Split('\n').Any(l =>
            !l.TrimStart().StartsWith("//", StringComparison.Ordinal)
            && (l.Trim() == $"using {ns};" || System.Text.RegularExpressions.Regex.IsMatch(l, $@"(?<![\w.])(NixGen\.)?{shortName}\.[A-Z]")));
    }

    [Fact]
    public void Every_process_nixgen_starts_goes_through_the_one_runner_with_its_timeout() =>
        Assert.All(SourceFiles().Where(f => !f.Contains("/Processes/", StringComparison.Ordinal)), f =>
            Assert.False(File.ReadAllText(f).Contains("ProcessStartInfo", StringComparison.Ordinal) || File.ReadAllText(f).Contains("Process.Start(", StringComparison.Ordinal),
                $"{Path.GetRelativePath(Repo.Root, f)} starts a process outside Processes/ToolRunner"));

    [Fact]
    public void The_executable_exposes_no_public_type() =>
        Assert.Empty(typeof(NixGen.Cli.Program).Assembly.GetExportedTypes());
}
