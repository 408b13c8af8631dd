using System.Text.Json.Nodes;
using NixGen.Json;
using NixGen.Rendering;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>How nixgen renders its templates and a repository's own (<c>.nixgen/templates/</c>).</summary>
public sealed class TemplateSpecs
{
    private static NixGen.Hashing.GoEnvironment Offline(string scratch) => GoEnvironments.Proxy(scratch, "off");

    /// <summary>
    /// A repository's template is the team's text: nixgen writes what it renders, byte for byte (trailing spaces, runs
    /// of blank lines, no final newline), and never rewrites it.
    /// </summary>
    [Fact]
    public async Task A_template_override_is_written_exactly_as_it_renders()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module example.com/x/api\n\ngo 1.22\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nfunc main() {}\n");
        var template = "# team flake  \n\n\n{\n  outputs = _: { };{{ for s in services }}\n  # {{ s.name }}\t{{ end }}\n\n  \n}";
        InProcess.WriteFile(repo, ".nixgen/templates/flake.nix.sbn", template);

        var result = await InProcess.GenerateAsync(repo, Offline(dir.Path));

        Assert.Equal("# team flake  \n\n\n{\n  outputs = _: { };\n  # api\t\n\n  \n}", result.Files["flake.nix"]);
    }

    /// <summary>
    /// An override written before builder-args.nix.sbn still prints <c>service.builder_args</c>: the same text the
    /// built-in partial writes (the service's own Go minimum and cgo).
    /// </summary>
    [Fact]
    public async Task An_override_that_prints_builder_args_gets_the_partials_text()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module example.com/x/api\n\ngo 1.22\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nfunc main() {}\n");
        InProcess.WriteFile(repo, "nixgen.yaml", "services:\n  .:\n    go: \"1.23\"\n    cgo: true\n");
        InProcess.WriteFile(repo, ".nixgen/templates/package.nix.sbn", "          {{ service.attr }} = buildGoModuleWith {{ service.builder_args }} { };\n");

        var flake = (await InProcess.GenerateAsync(repo, Offline(dir.Path))).Files["flake.nix"];

        Assert.Contains("          api = buildGoModuleWith { go = goAtLeast pkgs.buildPackages \"1.23\"; cgo = 1; } { };\n", flake, StringComparison.Ordinal);
    }

    /// <summary>The model carries plain values; a template writes each language's syntax through that language's one quoter.</summary>
    [Fact]
    public void Templates_quote_through_the_one_quoter_of_each_language()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "t.sbn"), "{{ nix.quote s }} {{ nix.attr s }} {{ json.quote s }} {{ yaml.quoted s }} {{ yaml.scalar 'main' }} {{ json.flow jobs }}");
        var text = new FlakeRenderer(dir.Path).RenderTemplate("t.sbn", new { S = "a\"${b}\n", Jobs = new[] { new MatrixEntry("x\"y", "ubuntu-24.04") } });
        Assert.Equal("\"a\\\"\\${b}\\n\" \"a\\\"\\${b}\\n\" \"a\\\"${b}\\n\" \"a\\\"${b}\\n\" main [{\"package\": \"x\\\"y\", \"os\": \"ubuntu-24.04\"}]", text);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"package\":\"orders\",\"os\":\"ubuntu-24.04\"},{\"package\":\"a\\\"b\\\\c\\u0001\u00e9\",\"n\":[1,true,null,{}]}]")]
    public void Flow_json_reads_back_as_the_same_value(string json)
    {
        var node = JsonNode.Parse(json);
        var flow = JsonText.Flow(node);
        Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(flow)), flow);
        Assert.DoesNotContain("\n", flow, StringComparison.Ordinal);
    }
}
