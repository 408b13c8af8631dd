using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NixGen.Fixtures;
using NixGen.Tests.Support;
using NixGen.Tests.Unit;

namespace NixGen.Tests.Integration;

/// <summary>
/// The example's SBOMs against Go's own inventory and through the nixpkgs model: every component set equals what
/// `go list -deps` says each binary compiles (vendor and modules mode), `nix build .#pkg.sbom` builds and prints the
/// bytes `nixgen sbom` writes, and a bump changes exactly the bumped component.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SbomInventorySpecs(NixBuildFixture nix) : IClassFixture<NixBuildFixture>
{
    private static readonly string[] Services = ["gateway", "inventory", "notifications", "orders"];

    private static (string Repo, Dictionary<string, string?> Env) Example(TempDir dir, string extraYaml, bool sbom = true)
    {
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var yaml = Path.Combine(repo, "nixgen.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("sbom: true\n", sbom ? "sbom: true\n" : "", StringComparison.Ordinal) + extraYaml);
        if (!sbom)
        {
            File.Delete(Path.Combine(repo, "nix", "go-sbom.json"));
        }

        var env = new Dictionary<string, string?>
        {
            ["GOPROXY"] = "file://" + Path.Combine(repo, "third_party", "goproxy"),
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-modcacherw",
            ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache"),
            ["GOMODCACHE"] = null,
        };
        return (repo, env);
    }

    private static async Task<Dictionary<string, string>> SbomsAsync(string repo, Dictionary<string, string?> env, string output, params string[] extra)
    {
        var update = await InProcessCli.RunAsync(repo, env, "update");
        Assert.True(update.Exit == 0, update.Err);
        var run = await InProcessCli.RunAsync(repo, env, ["sbom", "--output", output, "--system", "x86_64-linux", .. extra]);
        Assert.True(run.Exit == 0, run.Err);
        return Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
    }

    /// <summary>What the components say is compiled: <c>path@version</c>, a local replace as <c>path@local</c>.</summary>
    private static SortedSet<string> Components(string document) =>
        new(JsonNode.Parse(document)!["components"]!.AsArray().Select(c =>
            c!["properties"]!.AsArray().Any(p => (string)p!["name"]! == "nixgen:replace:path")
                ? (string)c["name"]! + "@local"
                : (string)c["name"]! + "@" + (string)c["version"]!), StringComparer.Ordinal);

    /// <summary>Go's own list: the modules of every package the service's mains depend on, for a target.</summary>
    private static SortedSet<string> GoList(string repo, string serviceDir, string goos, string goarch, Dictionary<string, string?> env, string cache, string tags = "")
    {
        var mains = Directory.GetFiles(Path.Combine(repo, serviceDir), "main.go", SearchOption.AllDirectories)
            .Select(f => "./" + Path.GetRelativePath(Path.Combine(repo, serviceDir), Path.GetDirectoryName(f)!)).ToArray();
        var goEnv = new Dictionary<string, string>
        {
            ["GOOS"] = goos,
            ["GOARCH"] = goarch,
            ["CGO_ENABLED"] = "0",
            ["GOWORK"] = "off",
            ["GOFLAGS"] = "-mod=mod -modcacherw",
            ["GOPROXY"] = env["GOPROXY"]!,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = cache,
            ["GOTOOLCHAIN"] = "local",
        };
        var (exit, stdout, stderr) = Tools.Run("go", Path.Combine(repo, serviceDir), goEnv,
        [
            "list", "-deps", "-tags=" + tags, "-f",
            "{{with .Module}}{{if not .Main}}{{.Path}}@{{with .Replace}}{{if .Version}}{{.Path}}@{{.Version}}{{else}}local{{end}}{{else}}{{.Version}}{{end}}{{end}}{{end}}",
            .. mains,
        ]);
        Assert.True(exit == 0, stderr);
        // A remote replace prints old@new@version: the compiled module is new@version.
        return new(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Count(c => c == '@') == 2 ? l[(l.IndexOf('@', StringComparison.Ordinal) + 1)..] : l),
            StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("goproxy: GOPROXY\n")]
    public async Task Every_service_lists_exactly_the_modules_go_list_says_it_compiles(string mode)
    {
        using var dir = new TempDir();
        var (repo, env) = Example(dir, mode);
        if (mode.Length > 0)
        {
            // The example already says `hashing: { strategy: local }`: modules mode joins it.
            var yaml = File.ReadAllText(Path.Combine(repo, "nixgen.yaml")).Replace(mode, "goproxy: " + env["GOPROXY"] + "\n", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), yaml.Replace("hashing:\n  strategy: local\n", "hashing:\n  strategy: local\n  mode: modules\n", StringComparison.Ordinal));
        }

        var docs = await SbomsAsync(repo, env, Path.Combine(dir.Path, "out"));

        var cache = Path.Combine(dir.Path, "golist-cache");
        var dirs = new Dictionary<string, string> { ["gateway"] = "services/gateway", ["inventory"] = "services/inventory", ["notifications"] = "services/notifications", ["orders"] = "services/orders" };
        foreach (var service in Services)
        {
            Assert.Equal(GoList(repo, dirs[service], "linux", "amd64", env, cache), Components(docs[service + ".cdx.json"]));
            Assert.Equal(GoList(repo, dirs[service], "darwin", "arm64", env, cache), Components(docs[service + "-darwin-arm64.cdx.json"]));
            Assert.Empty(SbomSchemas.CycloneDxErrors(docs[service + ".cdx.json"]));
        }

        Assert.Equal(["acme.dev/shop/platform@local", "go.acme.dev/retry@v0.3.1", "go.acme.dev/uuid@v1.2.0"], Components(docs["orders.cdx.json"]));
        var uuid = JsonNode.Parse(docs["orders.cdx.json"])!["components"]!.AsArray().Single(c => (string)c!["name"]! == "go.acme.dev/uuid")!;
        if (mode.Length > 0)
        {
            // Modules mode knows the SHA-256 of the zip the proxy serves.
            var zip = Path.Combine(repo, "third_party", "goproxy", "go.acme.dev", "uuid", "@v", "v1.2.0.zip");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(zip))), (string)uuid["hashes"]![0]!["content"]!);
        }
        else
        {
            Assert.Null(uuid["hashes"]);
        }
    }

    [Fact]
    public void Nixgen_prints_json_exactly_as_builtins_toJSON_does_for_awkward_strings()
    {
        using var dir = new TempDir();
        var value = new JsonObject
        {
            ["b"] = "quote \" backslash \\ slash / dollar ${x} tab \t newline \n cr \r bell \u0007 bs \b ff \f del \u007f",
            ["B"] = new JsonArray("é ü 中文 🚀", 0, 42, -7, true, false, new JsonObject()),
            ["a"] = new JsonObject { ["é"] = 1, ["z"] = 2, ["Z"] = 3, ["_"] = 4, ["-"] = 5, ["10"] = 6, ["9"] = 7 },
            ["empty"] = new JsonArray(),
        };
        var file = dir.Write("data.json", NixGen.Sbom.NixJson.SerializeIndented(value));

        var (exit, stdout, stderr) = Tools.Run("nix", dir.Path, null,
            "--extra-experimental-features", "nix-command", "eval", "--impure", "--raw", "--expr", $"builtins.toJSON (builtins.fromJSON (builtins.readFile {file}))");

        Assert.True(exit == 0, stderr);
        Assert.Equal(stdout, NixGen.Sbom.NixJson.Serialize(value));
    }

    [Theory]
    [InlineData("linux", "amd64", "")]
    [InlineData("windows", "amd64", "")]
    [InlineData("darwin", "arm64", "extra")]
    public async Task The_fixture_with_replaces_test_only_tag_only_and_windows_only_modules_matches_go_list(string goos, string goarch, string tags)
    {
        using var dir = new TempDir();
        var yaml = "sbom: true\nsystems: [x86_64-linux, aarch64-darwin]\ncross: [windows/amd64]\n" + (tags.Length > 0 ? $"services:\n  svc:\n    tags: [{tags}]\n" : "");
        var (repo, environment) = SbomSpecs.ShopRepo(dir, yaml);
        var document = NixGen.Sbom.NixJson.Serialize(SbomSpecs.Document(await SbomSpecs.DataAsync(repo, environment), goos, goarch));

        var env = new Dictionary<string, string?> { ["GOPROXY"] = "file://" + Path.Combine(environment.ModCache, "cache", "download") };
        var golist = GoList(repo, "svc", goos, goarch, env, Path.Combine(dir.Path, "golist-cache"), tags);
        Assert.Equal(golist, Components(document));
        Assert.DoesNotContain("example.org/testonly@v1.0.0", golist);
        Assert.DoesNotContain("example.org/unused@v1.0.0", golist);
    }

    [SpdxToolsFact]
    public async Task The_SPDX_documents_are_valid_SPDX_2_3_for_spdx_tools_golang()
    {
        using var dir = new TempDir();
        var (repo, env) = Example(dir, "", sbom: false); // nixgen sbom works without `sbom: true`
        var output = Path.Combine(dir.Path, "spdx");
        await SbomsAsync(repo, env, output, "--format", "spdx");
        Assert.False(File.Exists(Path.Combine(repo, "nix", "go-sbom.json")));

        var check = Path.Combine(AppContext.BaseDirectory, "Sbom", "spdx-check");
        var (exit, stdout, stderr) = Tools.Run("go", check, new Dictionary<string, string> { ["GO111MODULE"] = "off", ["GOPATH"] = SpdxToolsFactAttribute.GoPath, ["GOFLAGS"] = "" },
            ["run", "main.go", .. Directory.GetFiles(output).Order(StringComparer.Ordinal)]);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(16, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" ok: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_sbom_derivations_build_through_the_model_with_the_bytes_nixgen_sbom_writes()
    {
        using var dir = new TempDir();
        var (repo, env) = Example(dir, "");
        var docs = await SbomsAsync(repo, env, Path.Combine(dir.Path, "out"));
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);

        string[] packages = [.. Services, "orders-linux-arm64", "orders-darwin-arm64", "gateway-linux-amd64"];
        var outs = Build(repo, [.. packages.Select(p => p + ".sbom"), "orders.bombonVendoredSbom"]);

        foreach (var p in packages)
        {
            Assert.Equal(docs[p + ".cdx.json"], File.ReadAllText(outs[p + ".sbom"]));
            Assert.Empty(SbomSchemas.CycloneDxErrors(File.ReadAllText(outs[p + ".sbom"])));
        }

        // bombon reads every file of the directory bombonVendoredSbom builds.
        Assert.Equal(docs["orders.cdx.json"], File.ReadAllText(Assert.Single(Directory.GetFiles(outs["orders.bombonVendoredSbom"]))));
    }

    [Fact]
    public async Task Separate_binaries_cgo_and_cross_packages_get_their_own_documents_from_nix_and_nixgen_alike()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Repo.CopyTree(Path.Combine(Repo.Snapshots, "210-sbom", "input"), repo);
        var env = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache"), ["GOPROXY"] = "off" };
        var docs = await SbomsAsync(repo, env, Path.Combine(dir.Path, "out"));
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);

        // shop builds two packages (its binary named like it keeps the name), edge uses cgo: no cross packages.
        Assert.Equal(
            ["edge.cdx.json", "shop-linux-arm64.cdx.json", "shop-windows-amd64.cdx.json", "shop-worker-linux-arm64.cdx.json", "shop-worker-windows-amd64.cdx.json", "shop-worker.cdx.json", "shop.cdx.json"],
            docs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["example.com/kit@local"], Components(docs["shop.cdx.json"]));
        Assert.Empty(Components(docs["shop-worker.cdx.json"]));
        string[] packages = ["edge", "shop", "shop-worker", "shop-windows-amd64"];
        var outs = Build(repo, [.. packages.Select(p => p + ".sbom")]);
        foreach (var p in packages)
        {
            Assert.Equal(docs[p + ".cdx.json"], File.ReadAllText(outs[p + ".sbom"]));
            Assert.Empty(SbomSchemas.CycloneDxErrors(docs[p + ".cdx.json"]));
        }

        Assert.Contains("{\"name\":\"cdx:gomod:build:env:CGO_ENABLED\",\"value\":\"1\"}", docs["edge.cdx.json"], StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"cdx:gomod:build:env:GOOS\",\"value\":\"windows\"}", docs["shop-windows-amd64.cdx.json"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bump_changes_exactly_the_bumped_component()
    {
        using var dir = new TempDir();
        var (repo, env) = Example(dir, "");
        var before = await SbomsAsync(repo, env, Path.Combine(dir.Path, "before"));

        // go.acme.dev/uuid v1.3.0 appears on the proxy, and orders moves to it.
        var proxy = new GoProxyBuilder(Path.Combine(repo, "third_party", "goproxy"));
        var files = Directory.GetFiles(Path.Combine(repo, "third_party", "modules", "go.acme.dev!uuid@v1.2.0"))
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).Replace("v1.2.0", "v1.3.0", StringComparison.Ordinal), StringComparer.Ordinal);
        proxy.Publish("go.acme.dev/uuid", "v1.3.0", files);
        var sum = Path.Combine(repo, "services", "orders", "go.sum");
        File.WriteAllText(sum, string.Concat(File.ReadAllLines(sum).Where(l => !l.StartsWith("go.acme.dev/uuid ", StringComparison.Ordinal))
            .Concat(proxy.SumLines("go.acme.dev/uuid", "v1.3.0")).Select(l => l + "\n")));
        var mod = Path.Combine(repo, "services", "orders", "go.mod");
        File.WriteAllText(mod, File.ReadAllText(mod).Replace("go.acme.dev/uuid v1.2.0", "go.acme.dev/uuid v1.3.0", StringComparison.Ordinal));
        var after = await SbomsAsync(repo, env, Path.Combine(dir.Path, "after"));

        foreach (var (file, text) in before)
        {
            if (!file.StartsWith("orders", StringComparison.Ordinal))
            {
                Assert.Equal(text, after[file]); // the other services' documents do not change
                continue;
            }

            var removed = Components(text).Except(Components(after[file])).ToList();
            var added = Components(after[file]).Except(Components(text)).ToList();
            Assert.Equal(["go.acme.dev/uuid@v1.2.0"], removed);
            Assert.Equal(["go.acme.dev/uuid@v1.3.0"], added);
        }
    }

    /// <summary>Builds attributes of the flake's x86_64-linux packages (<c>orders.sbom</c>) and returns their output paths.</summary>
    private Dictionary<string, string> Build(string repo, string[] attributes)
    {
        string[] common = ["--extra-experimental-features", "nix-command flakes", "--no-write-lock-file", "--override-input", "nixpkgs", "path:" + nix.Model.Dir,
            "--option", "sandbox", "false", "--option", "substituters", ""];
        var apply = "ps: { " + string.Concat(attributes.Select(a => $"\"{a}\" = ps.{a}.outPath; ")) + "}";
        var (exit, stdout, stderr) = Tools.Run("nix", repo, null, ["eval", .. common, "--json", $"{NixModel.FlakeRef(repo)}#packages.{NixModel.System}", "--apply", apply]);
        Assert.True(exit == 0, stderr);
        (exit, _, stderr) = Tools.Run("nix", repo, null, ["build", .. common, "--no-link", .. attributes.Select(a => $"{NixModel.FlakeRef(repo)}#packages.{NixModel.System}.{a}")]);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    }
}

/// <summary>A fact that needs spdx/tools-golang in Debian's Go path: skipped, saying why, where it is not installed.</summary>
public sealed class SpdxToolsFactAttribute : FactAttribute
{
    public const string GoPath = "/usr/share/gocode";

    public SpdxToolsFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(GoPath, "src", "github.com", "spdx", "tools-golang")))
        {
            Skip = "spdx/tools-golang is not installed (apt-get install golang-github-spdx-tools-golang-dev)";
        }
    }
}
