using System.Text.Json.Nodes;
using NixGen.Fixtures;
using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Planning;
using NixGen.Processes;
using NixGen.Sbom;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// What an SBOM lists, without go or nix: the modules whose packages the service's binaries compile for their target
/// and tags (module code read from a module cache the test fills), valid CycloneDX 1.6 and SPDX 2.3, reproducibly.
/// </summary>
public sealed class SbomSpecs
{
    /// <summary>
    /// A service whose main package imports a (which imports b), a module replaced by a fork, a local library (which
    /// imports b too), a Windows-only and a tag-only module; its test imports testonly; go.sum also lists unused.
    /// </summary>
    internal static (string Repo, GoEnvironment Environment) ShopRepo(TempDir dir, string yaml)
    {
        var cache = Path.Combine(dir.Path, "gomodcache");
        var proxy = new GoProxyBuilder(Path.Combine(cache, "cache", "download"));
        void Module(string path, string version, string package, string code) =>
            proxy.Publish(path, version, new Dictionary<string, string> { ["go.mod"] = $"module {path}\n\ngo 1.21\n", [package + ".go"] = code });
        proxy.Publish("example.org/a", "v1.0.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/a\n\ngo 1.21\n",
            ["a.go"] = "package a\n\nimport \"example.org/b\"\n\nfunc A() string { return b.B() }\n",
            ["a_test.go"] = "package a\n\nimport (\n\t\"testing\"\n\n\t\"example.org/testonly\"\n)\n\nfunc TestA(t *testing.T) { _ = testonly.T }\n",
        });
        Module("example.org/b", "v1.1.0", "b", "package b\n\nfunc B() string { return \"b\" }\n");
        Module("example.org/testonly", "v1.0.0", "testonly", "package testonly\n\nconst T = 1\n");
        Module("example.org/unused", "v1.0.0", "unused", "package unused\n");
        Module("example.org/win", "v1.0.0", "win", "package win\n\nconst W = 1\n");
        Module("example.org/tagged", "v1.0.0", "tagged", "package tagged\n\nconst T = 1\n");
        Module("example.org/fork", "v1.2.0", "old", "package old\n\nconst O = 1\n");
        var sums = string.Concat(new[] { ("example.org/a", "v1.0.0"), ("example.org/b", "v1.1.0"), ("example.org/fork", "v1.2.0"), ("example.org/tagged", "v1.0.0"),
            ("example.org/testonly", "v1.0.0"), ("example.org/unused", "v1.0.0"), ("example.org/win", "v1.0.0") }
            .SelectMany(m => proxy.SumLines(m.Item1, m.Item2)).Order(StringComparer.Ordinal).Select(l => l + "\n"));

        var repo = Path.Combine(dir.Path, "repo");
        dir.Write("repo/nixgen.yaml", yaml);
        dir.Write("repo/lib/go.mod", "module example.com/lib\n\ngo 1.21\n\nrequire example.org/b v1.1.0\n");
        dir.Write("repo/lib/lib.go", "package lib\n\nimport \"example.org/b\"\n\nfunc L() string { return b.B() }\n");
        dir.Write("repo/svc/go.mod", "module example.com/svc\n\ngo 1.21\n\nrequire (\n\texample.com/lib v0.0.0\n\texample.org/a v1.0.0\n\texample.org/old v1.0.0\n"
            + "\texample.org/tagged v1.0.0\n\texample.org/testonly v1.0.0\n\texample.org/win v1.0.0\n)\n\nrequire (\n\texample.org/b v1.1.0 // indirect\n\texample.org/unused v1.0.0 // indirect\n)\n\n"
            + "replace example.com/lib => ../lib\n\nreplace example.org/old => example.org/fork v1.2.0\n");
        dir.Write("repo/svc/go.sum", sums);
        dir.Write("repo/svc/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/lib\"\n\t\"example.org/a\"\n\t\"example.org/old\"\n)\n\nfunc main() { fmt.Println(a.A(), lib.L(), old.O) }\n");
        dir.Write("repo/svc/main_windows.go", "package main\n\nimport \"example.org/win\"\n\nvar _ = win.W\n");
        dir.Write("repo/svc/extra.go", "//go:build extra && !ignore\n\npackage main\n\nimport \"example.org/tagged\"\n\nvar _ = tagged.T\n");
        dir.Write("repo/svc/main_test.go", "package main\n\nimport (\n\t\"testing\"\n\n\t\"example.org/testonly\"\n)\n\nfunc TestMain(t *testing.T) { _ = testonly.T }\n");
        return (repo, GoEnvironment.From(v => v switch { "GOMODCACHE" => cache, "XDG_CACHE_HOME" => Path.Combine(dir.Path, "xdg"), _ => null }));
    }

    internal static async Task<JsonObject> DataAsync(string repo, GoEnvironment environment)
    {
        var project = Project.Load(repo, null);
        var hashes = project.Repo.Services.ToDictionary(s => s.Name, _ => new VendorResult("sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false, "test"), StringComparer.Ordinal);
        var runner = new ToolRunner();
        var data = await SbomData.BuildAsync(new SbomInputs(project.Repo, project.Config, hashes, _ => "1.21", null, "0.0.0-test"), runner, environment, CancellationToken.None);
        Assert.Equal(0, runner.ProcessesStarted); // every module came from the cache: no go ran
        return data;
    }

    internal static JsonObject Document(JsonObject data, string goos, string goarch) =>
        SbomDocuments.CycloneDx(data["services"]!["svc"]!.AsObject(), ".", goos, goarch) ?? throw new InvalidOperationException($"no build for {goos}/{goarch}");

    private static string[] Components(JsonObject doc) =>
        [.. doc["components"]!.AsArray().Select(c => $"{(string)c!["name"]!}@{(string)c["version"]!}")];

    [Fact]
    public async Task The_components_are_the_modules_the_binaries_compile_for_their_target_not_test_or_go_sum_only_ones()
    {
        using var dir = new TempDir();
        var (repo, environment) = ShopRepo(dir, "sbom: true\nsystems: [x86_64-linux]\ncross: [windows/amd64]\n");

        var data = await DataAsync(repo, environment);

        var linux = Document(data, "linux", "amd64");
        Assert.Equal(["example.com/lib@unstable", "example.org/a@v1.0.0", "example.org/b@v1.1.0", "example.org/fork@v1.2.0"], Components(linux));
        Assert.Equal(
            ["example.com/lib@unstable", "example.org/a@v1.0.0", "example.org/b@v1.1.0", "example.org/fork@v1.2.0", "example.org/win@v1.0.0"],
            Components(Document(data, "windows", "amd64")));
        Assert.Null(SbomDocuments.CycloneDx(data["services"]!["svc"]!.AsObject(), ".", "darwin", "arm64")); // not a system of this flake

        // The graph between modules: the service uses a, the fork and its library; a and the library use b.
        var graph = linux["dependencies"]!.AsArray().ToDictionary(d => (string)d!["ref"]!, d => string.Join(" ", d!["dependsOn"]!.AsArray().Select(x => (string)x!)));
        Assert.Equal("pkg:golang/example.com/lib@unstable pkg:golang/example.org/a@v1.0.0 pkg:golang/example.org/fork@v1.2.0", graph["pkg:golang/example.com/svc@unstable"]);
        Assert.Equal("pkg:golang/example.org/b@v1.1.0", graph["pkg:golang/example.org/a@v1.0.0"]);
        Assert.Equal("pkg:golang/example.org/b@v1.1.0", graph["pkg:golang/example.com/lib@unstable"]);
        Assert.Equal("", graph["pkg:golang/example.org/b@v1.1.0"]);

        // A replace shows what is compiled and what it replaces; a local replace is the repository's own, with its path.
        var components = linux["components"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!.AsObject());
        Assert.Equal("example.org/old@v1.0.0", Property(components["example.org/fork"], "nixgen:replaces"));
        Assert.Equal("lib", Property(components["example.com/lib"], "nixgen:replace:path"));
        Assert.Equal(File.ReadAllLines(Path.Combine(repo, "svc", "go.sum")).Single(l => l.StartsWith("example.org/b v1.1.0 h1:", StringComparison.Ordinal)).Split(' ')[2],
            Property(components["example.org/b"], "nixgen:go.sum"));
        Assert.Equal("linux", Property(linux["metadata"]!.AsObject(), "cdx:gomod:build:env:GOOS"));
        Assert.Equal("pkg:golang/example.com/svc@unstable", (string)linux["metadata"]!["component"]!["purl"]!);
    }

    [Fact]
    public async Task In_modules_mode_module_code_missing_from_every_cache_comes_from_the_proxy_without_go()
    {
        using var dir = new TempDir();
        var proxy = Path.Combine(dir.Path, "gomodcache", "cache", "download");
        var (repo, _) = ShopRepo(dir, $"sbom: true\nsystems: [x86_64-linux]\nhashing:\n  mode: modules\ngoproxy: file://{proxy}\n");
        var empty = GoEnvironment.From(v => v switch { "GOMODCACHE" => Path.Combine(dir.Path, "empty"), "XDG_CACHE_HOME" => Path.Combine(dir.Path, "xdg"), _ => null });

        var doc = Document(await DataAsync(repo, empty), "linux", "amd64"); // asserts that no process started

        Assert.Equal(["example.com/lib@unstable", "example.org/a@v1.0.0", "example.org/b@v1.1.0", "example.org/fork@v1.2.0"], Components(doc));
    }

    [Fact]
    public async Task Build_tags_bring_in_what_their_files_import()
    {
        using var dir = new TempDir();
        var (repo, environment) = ShopRepo(dir, "sbom: true\nsystems: [x86_64-linux]\nservices:\n  svc:\n    tags: [extra]\n");

        var doc = Document(await DataAsync(repo, environment), "linux", "amd64");

        Assert.Contains("example.org/tagged@v1.0.0", Components(doc));
        Assert.Equal("extra", Property(doc["metadata"]!.AsObject(), "nixgen:build:tags"));
    }

    [Fact]
    public async Task Every_document_is_valid_CycloneDX_1_6_and_SPDX_2_3_and_the_same_bytes_on_every_run()
    {
        using var dir = new TempDir();
        var (repo, environment) = ShopRepo(dir, "sbom: true\ncross: [windows/amd64, linux/arm64]\n");

        var first = await DataAsync(repo, environment);
        var second = await DataAsync(repo, environment);

        Assert.Equal(NixJson.SerializeIndented(first), NixJson.SerializeIndented(second));
        foreach (var (goos, goarch) in new[] { ("linux", "amd64"), ("linux", "arm64"), ("darwin", "arm64"), ("darwin", "amd64"), ("windows", "amd64") })
        {
            var cdx = NixJson.Serialize(Document(first, goos, goarch));
            Assert.Empty(SbomSchemas.CycloneDxErrors(cdx));
            Assert.Equal(cdx, NixJson.Serialize(Document(second, goos, goarch)));
            Assert.DoesNotContain("timestamp", cdx, StringComparison.Ordinal);
            Assert.DoesNotContain("serialNumber", cdx, StringComparison.Ordinal);
            var spdx = NixJson.Serialize(SbomDocuments.Spdx(Document(first, goos, goarch), "svc", DateTimeOffset.UnixEpoch));
            Assert.Empty(SbomSchemas.SpdxErrors(spdx));
        }
    }

    [Fact]
    public void The_schema_check_itself_rejects_a_broken_document()
    {
        Assert.NotEmpty(SbomSchemas.CycloneDxErrors("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\"}]}"));
        Assert.NotEmpty(SbomSchemas.SpdxErrors("{\"spdxVersion\":\"SPDX-2.3\"}"));
    }

    [Fact]
    public async Task Nixgen_sbom_refuses_an_unknown_service_or_format_with_exit_2_before_running_anything()
    {
        using var dir = new TempDir();
        var (repo, _) = ShopRepo(dir, "sbom: true\n");

        var unknown = await InProcessCli.RunAsync(repo, null, "sbom", "billing");
        var format = await InProcessCli.RunAsync(repo, null, "sbom", "--format", "xml");

        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no service named billing (services: svc)", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(2, format.Exit);
        Assert.Contains("xml", format.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(repo, "sbom")));
    }

    [Theory]
    [InlineData("github.com/BurntSushi/toml", "v1.2.0", "pkg:golang/github.com/burntsushi/toml@v1.2.0")]
    [InlineData("github.com/docker/docker", "v24.0.7+incompatible", "pkg:golang/github.com/docker/docker@v24.0.7%2Bincompatible")]
    [InlineData("golang.org/x/text", "v0.0.0-20240101000000-abcdefabcdef", "pkg:golang/golang.org/x/text@v0.0.0-20240101000000-abcdefabcdef")]
    public void Purls_follow_the_golang_type_lower_case_and_percent_encoded(string path, string version, string purl) =>
        Assert.Equal(purl, Purl.Golang(path, version));

    [Theory]
    [InlineData("a_linux.go", "", "linux", true)]
    [InlineData("a_linux.go", "", "darwin", false)]
    [InlineData("a_darwin_amd64.go", "", "darwin", true)]
    [InlineData("a_darwin_arm64.go", "", "darwin", false)]
    [InlineData("linux.go", "", "darwin", true)]
    [InlineData("a.go", "//go:build !windows && (amd64 || arm64)\n\npackage a\n", "linux", true)]
    [InlineData("a.go", "//go:build windows\n\npackage a\n", "linux", false)]
    [InlineData("a.go", "// +build linux,amd64 darwin\n\npackage a\n", "darwin", true)]
    [InlineData("a.go", "//go:build unix\n\npackage a\n", "darwin", true)]
    [InlineData("a.go", "//go:build ignore\n\npackage a\n", "linux", false)]
    [InlineData("a_test.go", "", "linux", false)]
    [InlineData("_a.go", "", "linux", false)]
    public void Files_are_chosen_by_go_build_rules(string name, string text, string goos, bool included) =>
        Assert.Equal(included, new BuildContext(goos, "amd64", false, []).Includes(name, text.Length == 0 ? "package a\n" : text));

    [Fact]
    public void Json_is_printed_as_nix_prints_it() =>
        Assert.Equal("{\"B\":true,\"a\":[1,\"x\\\"\\\\\\n\\t\\u0001/é\"],\"b\":{}}",
            NixJson.Serialize(new JsonObject { ["b"] = new JsonObject(), ["a"] = new JsonArray(1, "x\"\\\n\t\u0001/é"), ["B"] = true }));

    private static string? Property(JsonObject o, string name) =>
        (string?)o["properties"]!.AsArray().FirstOrDefault(p => (string)p!["name"]! == name)?["value"];
}
