using System.Text.Json.Nodes;
using NixGen.Changes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// The truth test of `nixgen affected`: on a history of typical commits, the packages it names are exactly the
/// packages whose derivation paths change, evaluated with the model of nixpkgs on real derivations.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AffectedSpecs(NixBuildFixture nix) : IClassFixture<NixBuildFixture>
{
    private const string Lib = "\nrequire example.com/kinds/libs/shared v0.0.0\n\nreplace example.com/kinds/libs/shared => ../../libs/shared\n";

    private void WriteRepo(string repo)
    {
        InProcess.WriteFile(repo, "libs/shared/go.mod", "module example.com/kinds/libs/shared\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/shared/shared.go", "// Package shared is shared.\npackage shared\n\n// Greeting is shared.\nconst Greeting = \"hello\"\n");
        InProcess.Service(repo, "mixed", "\nrequire example.org/text v1.2.0\n" + Lib, nix.TextSums, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"\n\t\"example.org/text\"", "fmt.Println(text.Shout(shared.Greeting))");
        InProcess.Service(repo, "localonly", Lib, null, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"", "fmt.Println(shared.Greeting)");
        InProcess.Service(repo, "nodeps", "", null, "\"fmt\"", "fmt.Println(\"none\")");
        InProcess.WriteFile(repo, "README.md", "# kinds\n");
        InProcess.WriteFile(repo, "nixgen.yaml", "cross: [linux/arm64]\nservices:\n  services/mixed:\n    image: {}\n  services/nodeps:\n    ldflags: [-s, -w]\n");
    }

    [Theory]
    [InlineData("vendor")]
    [InlineData("modules")]
    public async Task Affected_names_exactly_the_packages_whose_derivations_change_on_every_commit_of_a_history(string mode)
    {
        using var dir = new TempDir();
        var v130 = nix.PublishTextV130();
        var newer = NixModel.Create(dir.Path, "25.11");
        var repo = Path.Combine(dir.Path, "repo");
        WriteRepo(repo);
        if (mode == "modules")
        {
            File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), $"hashing:\n  mode: modules\ngoproxy: {nix.Proxy.Url}\n" + File.ReadAllText(Path.Combine(repo, "nixgen.yaml")));
        }

        Git.InitAndCommit(repo);
        var env = nix.GoEnv(dir.Path);
        await InProcess.UpdateAsync(repo, env);
        Assert.Equal(mode == "modules", File.Exists(Path.Combine(repo, "nix", "go-modules.json")));
        Git.CommitAll(repo, "nixgen");
        NixBuildFixture.OpenToBuilders(dir.Path);
        nix.Model.Lock(repo);
        Git.CommitAll(repo, "flake.lock");
        var model = nix.Model;

        Dictionary<string, string> Derivations()
        {
            var (summary, errors) = model.TrySummarize(repo);
            Assert.True(summary is not null, errors);
            return summary["x86_64-linux"]!["packages"]!.AsObject().Where(p => p.Key != "default").ToDictionary(p => p.Key, p => (string)p.Value!["drv"]!, StringComparer.Ordinal);
        }

        async Task Step(string what, Action change, IEnumerable<string> expected)
        {
            var before = Derivations();
            var previous = Git.Run(repo, "rev-parse", "HEAD").Trim();
            change();
            await InProcess.UpdateAsync(repo, env);
            Git.CommitAll(repo, what);
            var after = Derivations();
            var truth = after.Keys.Where(k => !before.TryGetValue(k, out var d) || d != after[k]).Order(StringComparer.Ordinal).ToList();

            using var a = GitCheckout.Of(repo, previous);
            using var b = GitCheckout.Of(repo, "HEAD");
            var affected = Affected.Compare(Affected.Read(a.Path), Affected.Read(b.Path));

            Assert.Equal(truth, affected.Select(p => p.Package).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Order(StringComparer.Ordinal), truth);
        }

        string[] mixed = ["mixed", "mixed-image", "mixed-linux-arm64"];
        string[] localonly = ["localonly", "localonly-linux-arm64"];
        string[] nodeps = ["nodeps", "nodeps-linux-arm64"];

        await Step("edit the shared library", () => File.AppendAllText(Path.Combine(repo, "libs/shared/shared.go"), "\n// Farewell is shared too.\nconst Farewell = \"bye\"\n"), [.. mixed, .. localonly]);
        await Step("bump a dependency of one service", () =>
        {
            InProcess.Edit(repo, "services/mixed/go.mod", "example.org/text v1.2.0", "example.org/text v1.3.0");
            File.WriteAllText(Path.Combine(repo, "services/mixed/go.sum"), v130);
        }, mixed);
        await Step("edit the README at the root", () => File.AppendAllText(Path.Combine(repo, "README.md"), "More words.\n"), []);
        await Step("change one service's nixgen.yaml entry", () => InProcess.Edit(repo, "nixgen.yaml", "ldflags: [-s, -w]", "ldflags: [-s]"), nodeps);
        await Step("bump Go", () => InProcess.Edit(repo, "services/nodeps/go.mod", "go 1.21", "go 1.23"), [.. mixed, .. localonly, .. nodeps]);
        await Step("bump nixpkgs", () =>
        {
            newer.Lock(repo);
            model = newer;
        }, [.. mixed, .. localonly, .. nodeps]);

        // Nothing changed: nothing to build, and the plan says so.
        var run = await InProcessCli.RunAsync(repo, new Dictionary<string, string?> { ["GOPROXY"] = "off" }, "affected", "--base", "HEAD", "--json");
        Assert.Equal(0, run.Exit);
        Assert.Empty(JsonNode.Parse(run.Out)!.AsArray());
    }

    [Fact]
    public async Task Explain_classifies_a_rebuild_with_its_evidence_in_markdown_too()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        WriteRepo(repo);
        Git.InitAndCommit(repo);
        await InProcess.UpdateAsync(repo, nix.GoEnv(dir.Path));
        Git.CommitAll(repo, "nixgen");
        File.AppendAllText(Path.Combine(repo, "libs/shared/shared.go"), "\n// Farewell is shared too.\nconst Farewell = \"bye\"\n");
        InProcess.Edit(repo, "nixgen.yaml", "ldflags: [-s, -w]", "ldflags: [-s]");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = "off" };

        var localonly = await InProcessCli.RunAsync(repo, env, "explain", "localonly", "--base", "HEAD");
        Assert.Equal("localonly: source: 1 file: libs/shared/shared.go\n", localonly.Out);
        var nodeps = await InProcessCli.RunAsync(repo, env, "explain", "nodeps", "--base", "HEAD");
        Assert.Equal("nodeps: configuration: ldflags: [\"-s\",\"-w\"] -> [\"-s\"]\n", nodeps.Out);
        var markdown = await InProcessCli.RunAsync(repo, env, "affected", "--base", "HEAD", "--markdown");
        Assert.Contains("### `localonly`, `localonly-linux-arm64`\n\n| cause | evidence |\n| --- | --- |\n| source | 1 file: libs/shared/shared.go |\n", markdown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("README", markdown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_plan_step_builds_only_the_affected_packages()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        Git.InitAndCommit(repo);
        var baseRev = Git.Run(repo, "rev-parse", "HEAD").Trim();
        File.AppendAllText(Path.Combine(repo, "services", "inventory", "cmd", "inventory-worker", "main.go"), "\n// A change to one service.\n");
        Git.CommitAll(repo, "edit inventory");

        // The step exactly as GitHub would run it: its script, its JOBS, a nixgen on PATH, the outputs files.
        var (matrix, summary) = Workflow.RunPlanStep(dir, repo, baseRev);
        Assert.Equal(
            Workflow.Jobs(File.ReadAllText(Path.Combine(repo, ".github", "workflows", "nix.yml"))).Where(j => j.Package.StartsWith("inventory", StringComparison.Ordinal)).Order(),
            matrix.Order());
        Assert.Contains("### `inventory`", summary, StringComparison.Ordinal);
    }
}
