using NixGen.Tests.Support;

namespace NixGen.Tests;

/// <summary>The shape of the code the README promises: small files, stages that do not reach into each other.</summary>
public sealed class ArchitectureSpecs
{
    private static IEnumerable<string> SourceFiles(string folder = "") =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", "NixGen", folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [Fact]
    public void No_source_file_is_over_400_lines() =>
        Assert.All(SourceFiles(), f => Assert.True(File.ReadAllLines(f).Length <= 400, $"{Path.GetRelativePath(Repo.Root, f)} has {File.ReadAllLines(f).Length} lines"));

    [Theory]
    [InlineData("Hashing", "NixGen.Rendering")]
    [InlineData("Rendering", "NixGen.Hashing")]
    [InlineData("Discovery", "NixGen.Planning")]
    [InlineData("Discovery", "NixGen.Hashing")]
    [InlineData("Discovery", "NixGen.Rendering")]
    [InlineData("Planning", "NixGen.Hashing")]
    [InlineData("Planning", "NixGen.Rendering")]
    [InlineData("Hashing", "NixGen.Pipeline")]
    [InlineData("Rendering", "NixGen.Pipeline")]
    [InlineData("Hashing", "NixGen.Cli")]
    [InlineData("Rendering", "NixGen.Cli")]
    [InlineData("Pipeline", "NixGen.Cli")]
    [InlineData("Sbom", "NixGen.Rendering")]
    [InlineData("Sbom", "NixGen.Pipeline")]
    [InlineData("Sbom", "NixGen.Cli")]
    [InlineData("Rendering", "NixGen.Sbom")]
    [InlineData("Hashing", "NixGen.Sbom")]
    [InlineData("Planning", "NixGen.Sbom")]
    [InlineData("Discovery", "NixGen.Sbom")]
    [InlineData("Trust", "NixGen.Discovery")]
    [InlineData("Trust", "NixGen.Config")]
    [InlineData("Trust", "NixGen.Planning")]
    [InlineData("Trust", "NixGen.Hashing")]
    [InlineData("Trust", "NixGen.Rendering")]
    [InlineData("Trust", "NixGen.Output")]
    [InlineData("Trust", "NixGen.Pipeline")]
    [InlineData("Trust", "NixGen.Cli")]
    public void A_stage_does_not_use_a_later_or_sibling_stage(string stage, string forbidden) =>
        Assert.All(SourceFiles(stage), f => Assert.False(Uses(File.ReadAllText(f), forbidden), $"{Path.GetRelativePath(Repo.Root, f)} uses {forbidden}"));

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
