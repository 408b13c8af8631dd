using NixGen.Tests.Support;

namespace NixGen.Tests;

/// <summary>How nixgen renders its templates and a repository's own (<c>.nixgen/templates/</c>).</summary>
public sealed class TemplateSpecs
{
    private static NixGen.Hashing.GoEnvironment Offline(string scratch) => KindsRepo.Environment(scratch, "off");

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
}
