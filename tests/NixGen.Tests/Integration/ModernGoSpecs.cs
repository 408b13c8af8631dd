using System.Text.Json.Nodes;
using NixGen.Fixtures;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// A file:// proxy with a library and a tool module, and a nixpkgs model that provides Go 1.24 and 1.25 (25.11),
/// for repositories written the way Go 1.24-1.26 let people write them.
/// </summary>
public sealed class ModernGoFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public ModernGoFixture()
    {
        Proxy = new GoProxyBuilder(Path.Combine(_dir.Path, "proxy"));
        Proxy.Publish("example.org/text", "v1.2.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/text\n\ngo 1.21\n",
            ["text.go"] = "// Package text shouts.\npackage text\n\nimport \"strings\"\n\n// Shout upper-cases s.\nfunc Shout(s string) string { return strings.ToUpper(s) + \"!\" }\n",
        });
        Proxy.Publish("example.org/stringer", "v1.0.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/stringer\n\ngo 1.21\n",
            ["cmd/stringer/main.go"] = "// Command stringer generates code.\npackage main\n\nimport \"example.org/stringer/internal/gen\"\n\nfunc main() { gen.Run() }\n",
            ["internal/gen/gen.go"] = "// Package gen generates.\npackage gen\n\n// Run generates nothing.\nfunc Run() {}\n",
            ["README.md"] = "# stringer\n",
        });
        Model = NixModel.Create(_dir.Path, "25.11");
        NixBuildFixture.OpenToBuilders(_dir.Path);
    }

    public GoProxyBuilder Proxy { get; }

    public NixModel Model { get; }

    /// <summary>
    /// A root module github.com/direnv/direnv/v2 (its binary is <c>direnv</c>) with a <c>tool</c>, <c>toolchain</c> and
    /// <c>godebug</c> lines and, from Go 1.25, an ignored directory holding a main package that imports a module
    /// nobody requires (go mod vendor would fail, and the build too, if it counted).
    /// </summary>
    public void WriteRepo(string repo, string goLine)
    {
        var ignore = GoVersionsAtLeast(goLine, "1.25");
        InProcess.WriteFile(repo, "go.mod",
            $"module github.com/direnv/direnv/v2\n\ngo {goLine}\n\ntoolchain go{goLine}.1\n\ngodebug panicnil=1\n\n" +
            "require (\n\texample.org/stringer v1.0.0\n\texample.org/text v1.2.0\n)\n\ntool example.org/stringer/cmd/stringer\n" +
            (ignore ? "\nignore ./scratch\n" : ""));
        InProcess.WriteFile(repo, "go.sum", string.Concat(
            Proxy.SumLines("example.org/stringer", "v1.0.0").Concat(Proxy.SumLines("example.org/text", "v1.2.0")).Order(StringComparer.Ordinal).Select(l => l + "\n")));
        InProcess.WriteFile(repo, "main.go", "// Command direnv greets.\npackage main\n\nimport (\n\t\"fmt\"\n\n\t\"example.org/text\"\n)\n\nfunc main() { fmt.Println(text.Shout(\"direnv\")) }\n");
        if (ignore)
        {
            InProcess.WriteFile(repo, "scratch/main.go", "// Command scratch is an experiment.\npackage main\n\nimport \"example.org/experiment\"\n\nfunc main() { experiment.Run() }\n");
        }
    }

    private static bool GoVersionsAtLeast(string a, string b) => NixGen.GoModules.GoVersions.CompareGo(a, b) >= 0;

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Tools (Go 1.24), ignored directories (Go 1.25), toolchain and godebug lines and a major-version module path, hashed
/// by nixgen with Go 1.24, 1.25 and 1.26 and checked against an independent <c>go mod vendor</c> of the files git
/// tracks by the same Go, then built through the nixpkgs model and run by its <c>mainProgram</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModernGoSpecs(ModernGoFixture fixture) : IClassFixture<ModernGoFixture>
{
    private static string GoOf(string series) => Path.Combine(Repo.GoBin(series) ?? throw new InvalidOperationException($"Go {series} is not installed: run scripts/setup.sh"), "go");

    private Dictionary<string, string?> Env(string scratch, string series) => new()
    {
        ["GOPROXY"] = fixture.Proxy.Url,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = null,
        ["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache"),
        ["NIXGEN_SCRATCH"] = Path.Combine(scratch, "tmp"),
        ["NIXGEN_GO"] = GoOf(series),
    };

    /// <summary>`go mod vendor` by hand with one Go series in a clone (the tracked files only), and `nix hash path`.</summary>
    private (string Hash, string ModulesTxt) Independent(string repo, string scratch, string series)
    {
        var clone = Path.Combine(scratch, "clone-" + series);
        Git.Run(repo, "clone", "-q", repo, clone);
        var env = new Dictionary<string, string>
        {
            ["GOPROXY"] = fixture.Proxy.Url,
            ["GOSUMDB"] = "off",
            ["GOWORK"] = "off",
            ["GOFLAGS"] = "",
            ["GOTOOLCHAIN"] = "local",
            ["GOMODCACHE"] = Path.Combine(scratch, "independent-modcache"),
            ["GOCACHE"] = Path.Combine(scratch, "independent-cache"),
        };
        var (exit, _, stderr) = Tools.Run(GoOf(series), clone, env, "mod", "vendor");
        Assert.True(exit == 0, $"go {series} mod vendor: {stderr}");
        return (Tools.NixHashPath(Path.Combine(clone, "vendor")), File.ReadAllText(Path.Combine(clone, "vendor", "modules.txt")));
    }

    [Theory]
    [InlineData("1.24", "1.24")]
    [InlineData("1.25", "1.25")]
    [InlineData("1.26", "1.25")]
    public async Task Each_go_series_vendors_tools_and_ignored_directories_as_nixgen_hashes_them(string series, string goLine)
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        fixture.WriteRepo(repo, goLine);
        Git.InitAndCommit(repo);

        var update = await InProcessCli.RunAsync(repo, Env(dir.Path, series), "update");
        Assert.True(update.Exit == 0, update.ToString());

        var service = JsonNode.Parse(File.ReadAllText(Path.Combine(repo, "nixgen.lock")))!["services"]!["direnv"]!;
        var (hash, modulesTxt) = Independent(repo, dir.Path, series);
        Assert.Equal(hash, (string?)service["vendorHash"]);
        Assert.Contains("example.org/stringer/cmd/stringer\n", modulesTxt, StringComparison.Ordinal);
        Assert.Contains("example.org/stringer/internal/gen\n", modulesTxt, StringComparison.Ordinal);
        Assert.DoesNotContain("experiment", modulesTxt, StringComparison.Ordinal);
        var flake = File.ReadAllText(Path.Combine(repo, "flake.nix"));
        Assert.Contains("mainProgram = \"direnv\";", flake, StringComparison.Ordinal);
        Assert.DoesNotContain("scratch", flake, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_major_version_module_with_a_tool_and_an_ignored_directory_builds_and_runs_by_its_main_program()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        fixture.WriteRepo(repo, "1.25");
        Git.InitAndCommit(repo);
        var update = await InProcessCli.RunAsync(repo, Env(dir.Path, Repo.DefaultGo), "update");
        Assert.True(update.Exit == 0, update.ToString());
        Git.CommitAll(repo, "nixgen init");

        NixBuildFixture.OpenToBuilders(dir.Path);
        var mainProgram = fixture.Model.EvalRaw(repo, NixModel.Package("direnv") + ".meta.mainProgram");
        var outs = fixture.Model.Build(repo, new Dictionary<string, string> { ["GOPROXY"] = fixture.Proxy.Url }, "direnv");

        Assert.Equal("direnv", mainProgram);
        Assert.Equal(["direnv"], Directory.EnumerateFiles(Path.Combine(outs["direnv"], "bin")).Select(Path.GetFileName));
        var (exit, stdout, stderr) = Tools.Run(Path.Combine(outs["direnv"], "bin", mainProgram), dir.Path, null);
        Assert.True(exit == 0, stderr);
        Assert.Equal("DIRENV!\n", stdout);
    }
}
