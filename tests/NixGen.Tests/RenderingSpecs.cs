using NixGen.Config;
using NixGen.Nix;
using NixGen.Tests.Support;

namespace NixGen.Tests;

public sealed class RenderingSpecs
{
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The example's committed files are the one snapshot of the example: regenerating it (with the real pipeline, every
    /// hash from its lock, so no process starts) changes nothing. Accept a template change with NIXGEN_ACCEPT_SNAPSHOTS=1,
    /// which rewrites the example itself.
    /// </summary>
    [Fact]
    public async Task The_example_is_what_nixgen_generates_for_it()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Repo.CopyTree(Repo.Example, repo);
        var runner = new NixGen.Processes.ToolRunner();
        var result = await new NixGen.Pipeline.Generator(runner, HashingSpecs.ExampleEnvironment(dir.Path), new NixGen.Pipeline.SilentReporter())
            .GenerateAsync(repo, new NixGen.Pipeline.GenerateOptions(), CancellationToken.None);
        Assert.Equal(0, runner.ProcessesStarted);
        foreach (var (file, text) in result.Files)
        {
            var committed = Path.Combine(Repo.Example, file);
            if (Environment.GetEnvironmentVariable("NIXGEN_ACCEPT_SNAPSHOTS") == "1")
            {
                File.WriteAllText(committed, text);
            }

            Assert.True(File.Exists(committed) && File.ReadAllText(committed) == text,
                $"examples/multiservice/{file} is not what nixgen generates:\n" + NixGen.Output.UnifiedDiff.Create(File.Exists(committed) ? File.ReadAllText(committed) : "", text, "a/" + file, "b/" + file));
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("quote\"d", "quote\\\"d")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("${builtins.abort \"x\"}", "\\${builtins.abort \\\"x\\\"}")]
    [InlineData("new\nline", "new\\nline")]
    [InlineData("$notinterp", "$notinterp")]
    public void Hostile_strings_are_escaped_for_nix(string value, string inner) =>
        Assert.Equal("\"" + inner + "\"", NixString.Quote(value));

    [Fact]
    [Trait("Category", "Integration")]
    public void Escaped_strings_round_trip_through_nix()
    {
        using var dir = new TempDir();
        var hostile = "a\"b\\c${d}e\nf\tg$h''i${";
        var file = dir.Write("s.nix", NixString.Quote(hostile) + "\n");
        var (exit, stdout, stderr) = Tools.Run("nix-instantiate", dir.Path, null, "--eval", "--json", "--readonly-mode", file);
        Assert.True(exit == 0, stderr);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(hostile, RelaxedJson), stdout.Trim());
    }

    [Fact]
    public void Unknown_config_keys_and_bad_values_name_file_line_and_column()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.FromText("nixgen.yaml", "systems: [x86_64-linux]\nfrobnicate: 1\n"));
        Assert.StartsWith("nixgen.yaml:2:1: ", e.Message, StringComparison.Ordinal);
        var key = Assert.Throws<ConfigException>(() => ConfigLoader.FromText("nixgen.yaml", "cachix:\n  - name: c\n    publicKey: nope\n"));
        Assert.Contains("public key", key.Message, StringComparison.Ordinal);
    }
}
