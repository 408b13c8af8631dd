using System.Text.Json.Nodes;
using NixGen.Output;
using NixGen.Pipeline;
using NixGen.Planning;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>JSON as people read it: an SRI hash keeps its literal <c>+</c> wherever nixgen writes it.</summary>
[Trait("Category", "Integration")]
public sealed class JsonOutputSpecs
{
    private const string First = "sha256-5+aCNzW9yLdT4LGqbqW0uZ1w9v4r0vPl+7lx0y4Yy0E=";
    private const string Second = "sha256-9+Zk0eW2o3d+Q6f1PqfHhI1z0w7XcV6p7x0m3kqY2cA=";

    private static async Task Generate(string repo, string scratch, string hash)
    {
        Directory.CreateDirectory(scratch);
        var hashes = Path.Combine(scratch, "hashes.txt");
        File.WriteAllText(hashes, $"api {hash}\n");
        var generator = new Generator(new ToolRunner(), GoEnvironments.Proxy(Path.Combine(scratch, "go"), "off"), new SilentReporter(), new FileHasher(hashes));
        var result = await generator.GenerateAsync(repo, new GenerateOptions(Jobs: 1), CancellationToken.None);
        FileWriter.WriteAll(repo, result.Files, result.ObsoleteFiles);
    }

    private static void AssertLiteral(string text, string hash)
    {
        Assert.Contains(hash, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_hash_with_a_plus_is_written_literally_in_nixgen_lock_hash_json_and_affected_json()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "services/api/go.mod", "module example.com/api\n\ngo 1.22\n\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "services/api/go.sum", "example.org/text v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.org/text v1.2.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        InProcess.WriteFile(repo, "services/api/main.go", "package main\n\nimport \"example.org/text\"\n\nfunc main() { _ = text.X }\n");
        Git.InitAndCommit(repo);
        await Generate(repo, dir.Path, First);
        Git.CommitAll(repo, "nixgen");

        AssertLiteral(File.ReadAllText(Path.Combine(repo, "nixgen.lock")), First);
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off" };
        var hash = await InProcessCli.RunAsync(repo, env, "hash", "--json");
        Assert.True(hash.Exit == 0, hash.ToString());
        AssertLiteral(hash.Out, First);
        Assert.Equal(First, (string?)JsonNode.Parse(hash.Out)![0]!["vendorHash"]);

        // Hashed again from scratch (to Second): only the vendorHash changes.
        File.Delete(Path.Combine(repo, "nixgen.lock"));
        await Generate(repo, Path.Combine(dir.Path, "again"), Second);
        Git.CommitAll(repo, "rehash");
        var affected = await InProcessCli.RunAsync(repo, env, "affected", "--base", "HEAD~1", "--json");
        Assert.True(affected.Exit == 0, affected.ToString());
        AssertLiteral(affected.Out, "vendorHash sha256-5+aCNzW9yLdT… -> sha256-9+Zk0eW2o3d+…");
    }

    [Fact]
    public void Module_hashes_in_nix_go_modules_json_keep_their_plus()
    {
        var data = new ModulesData("https://proxy.golang.org", new Dictionary<string, ModuleEntry>
        {
            ["example.org/text@v1.2.0"] = new("example.org/text", "v1.2.0", "example.org/text/@v/v1.2.0", "example.org-text-v1.2.0", First, Second),
        });
        var text = data.Render();
        Assert.Contains($"\"mod\":\"{First}\"", text, StringComparison.Ordinal);
        AssertLiteral(text, Second);
    }

    [Fact]
    public void Control_characters_and_quotes_are_still_escaped()
    {
        var text = NixGen.Json.JsonText.Line(new JsonObject { ["why"] = "a\"b\\c\nd\u0001e+f<g>" });
        Assert.Equal("{\"why\":\"a\\\"b\\\\c\\nd\\u0001e+f<g>\"}", text);
    }
}
