using NixGen.Discovery;
using NixGen.Fixtures;
using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// A file:// module proxy and the test model of nixpkgs, shared by the specs that build generated flakes with the
/// real nix: every vendorHash nixgen writes is checked by a real fixed-output derivation, every service compiles.
/// </summary>
public sealed class NixBuildFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public NixBuildFixture()
    {
        Proxy = new GoProxyBuilder(Path.Combine(_dir.Path, "proxy"));
        Proxy.Publish("example.org/text", "v1.2.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/text\n\ngo 1.21\n",
            ["text.go"] = "// Package text shouts.\npackage text\n\nimport \"strings\"\n\n// Shout upper-cases s.\nfunc Shout(s string) string { return strings.ToUpper(s) + \"!\" }\n",
        });
        Model = NixModel.Create(_dir.Path);
        // nix builds as nixbld users: they must read the proxy and the model.
        OpenToBuilders(_dir.Path);
    }

    public GoProxyBuilder Proxy { get; }

    public NixModel Model { get; }

    public string TextSums => string.Concat(Proxy.SumLines("example.org/text", "v1.2.0").Select(l => l + "\n"));

    /// <summary>Publishes example.org/text v1.3.0 (once) and returns its go.sum lines: a dependency bump.</summary>
    public string PublishTextV130()
    {
        lock (_dir)
        {
            if (!File.Exists(Path.Combine(Proxy.Root, "example.org", "text", "@v", "v1.3.0.zip")))
            {
                Proxy.Publish("example.org/text", "v1.3.0", new Dictionary<string, string>
                {
                    ["go.mod"] = "module example.org/text\n\ngo 1.21\n",
                    ["text.go"] = "// Package text shouts.\npackage text\n\nimport \"strings\"\n\n// Shout upper-cases s, twice as loud.\nfunc Shout(s string) string { return strings.ToUpper(s) + \"!!\" }\n",
                });
                OpenToBuilders(Path.GetDirectoryName(Proxy.Root)!);
            }

            return string.Concat(Proxy.SumLines("example.org/text", "v1.3.0").Select(l => l + "\n"));
        }
    }

    public Dictionary<string, string> NixEnv => new() { ["GOPROXY"] = Proxy.Url };

    internal GoEnvironment GoEnv(string scratch) => GoEnvironments.Proxy(scratch, Proxy.Url);

    public static void OpenToBuilders(string dir)
    {
        Tools.Run("chmod", dir, null, "-R", "a+rX", dir);
        for (var d = new DirectoryInfo(dir); d is not null && d.FullName != Path.GetTempPath().TrimEnd('/'); d = d.Parent)
        {
            Tools.Run("chmod", dir, null, "a+x", d.FullName);
        }
    }

    public void Dispose() => _dir.Dispose();
}

[Trait("Category", "Integration")]
public sealed class NixBuildSpecs(NixBuildFixture nix) : IClassFixture<NixBuildFixture>
{
    private static string Attr(string package) => NixModel.Package(package);

    [Fact]
    public void The_example_builds_through_nix_with_its_committed_hashes()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);
        var env = new Dictionary<string, string> { ["GOPROXY"] = "file://" + Path.Combine(repo, "third_party", "goproxy") };

        var outs = nix.Model.Build(repo, env, "gateway", "inventory", "notifications", "orders", "orders-linux-arm64", "orders-image");

        Assert.True(File.Exists(Path.Combine(outs["gateway"], "bin", "gateway")));
        Assert.True(File.Exists(Path.Combine(outs["inventory"], "bin", "inventory-worker")));
        Assert.True(File.Exists(Path.Combine(outs["notifications"], "bin", "notifications")));
        Assert.True(File.Exists(Path.Combine(outs["orders"], "bin", "orders")));
        var arm = File.ReadAllBytes(Path.Combine(outs["orders-linux-arm64"], "bin", "orders"));
        Assert.Equal(0xB7, arm[18]); // ELF e_machine = EM_AARCH64: really cross-compiled
        Assert.Contains(outs["orders"], File.ReadAllText(outs["orders-image"]), StringComparison.Ordinal);

        // The model really checks: a stale vendorHash fails the build as it would for a user.
        var flake = Path.Combine(repo, "flake.nix");
        var stale = File.ReadAllText(flake).Replace("sha256-TtExID7VAirGhAZipYIuCzYJEvOGIBuPNt707I/3mB0=", "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(flake), stale);
        File.WriteAllText(flake, stale);
        var (exit, _, err) = nix.Model.TryBuild(repo, env, "orders");
        Assert.NotEqual(0, exit);
        Assert.Contains("hash mismatch in fixed-output derivation", err, StringComparison.Ordinal);
        Assert.Contains("sha256-TtExID7VAirGhAZipYIuCzYJEvOGIBuPNt707I/3mB0=", err, StringComparison.Ordinal);
    }

    /// <summary>chroma's layout: the command's module replaces the repository root, whose package dir holds everything.</summary>
    private void WriteRootReplaceRepo(string repo)
    {
        InProcess.WriteFile(repo, "go.mod", "module example.com/chroma/v2\n\ngo 1.21\n\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "go.sum", nix.TextSums);
        InProcess.WriteFile(repo, "chroma.go", "// Package chroma highlights.\npackage chroma\n\nimport \"example.org/text\"\n\n// Name is loud.\nfunc Name() string { return text.Shout(\"chroma\") }\n");
        InProcess.WriteFile(repo, "README.md", "# chroma\n");
        InProcess.WriteFile(repo, "Makefile", "all:\n\tgo build ./...\n");
        InProcess.WriteFile(repo, "cmd/chroma/go.mod",
            "module example.com/chroma/v2/cmd/chroma\n\ngo 1.21\n\nrequire example.com/chroma/v2 v2.0.0\n\nrequire example.org/text v1.2.0 // indirect\n\nreplace example.com/chroma/v2 => ../../\n");
        InProcess.WriteFile(repo, "cmd/chroma/go.sum", nix.TextSums);
        InProcess.WriteFile(repo, "cmd/chroma/main.go", "// Command chroma prints.\npackage main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/chroma/v2\"\n)\n\nfunc main() { fmt.Println(chroma.Name()) }\n");
        // Another service nested below the root: not part of chroma's source.
        InProcess.WriteFile(repo, "tools/lint/go.mod", "module example.com/chroma/v2/tools/lint\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "tools/lint/main.go", "// Command lint lints.\npackage main\n\nfunc main() {}\n");
    }

    [Fact]
    public async Task The_nix_strategy_builds_the_vendor_derivation_of_a_service_built_as_one_package_per_binary()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "svc/go.mod", "module example.com/m/svc\n\ngo 1.21\n\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "svc/go.sum", nix.TextSums);
        foreach (var bin in new[] { "alpha", "beta" })
        {
            InProcess.WriteFile(repo, $"svc/cmd/{bin}/main.go", $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.org/text\"\n)\n\nfunc main() {{ fmt.Println(text.Shout(\"{bin}\")) }}\n");
        }

        // Packages svc-alpha and svc-beta, no package named svc: the vendor derivation is reached through svc-alpha.
        InProcess.WriteFile(repo, "nixgen.yaml", "services:\n  svc:\n    binaries: separate\n");
        var env = nix.GoEnv(dir.Path);
        var local = Assert.Single((await InProcess.UpdateAsync(repo, env)).Services);
        Assert.NotNull(local.VendorHash);
        nix.Model.Lock(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);

        var runner = new ToolRunner();
        var viaNix = await InProcess.GenerateAsync(repo, env, new GenerateOptions(Jobs: 1, Strategy: "nix", Force: true), runner);

        var hashed = Assert.Single(viaNix.Services);
        Assert.Equal("nix", hashed.Strategy);
        Assert.Equal(local.VendorHash, hashed.VendorHash);
    }

    [Theory]
    [InlineData("module")]
    [InlineData("flake-parts")]
    public async Task The_nix_strategy_hashes_a_service_whose_flake_is_the_teams_own(string output)
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "svc/go.mod", "module example.com/m/svc\n\ngo 1.21\n\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "svc/go.sum", nix.TextSums);
        InProcess.WriteFile(repo, "svc/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.org/text\"\n)\n\nfunc main() { fmt.Println(text.Shout(\"svc\")) }\n");
        InProcess.WriteFile(repo, "nixgen.yaml", $"output: {output}\n");
        // The team's flake: its own outputs (never evaluated by the probe), the nixpkgs input nixgen's flake also names.
        InProcess.WriteFile(repo, "flake.nix",
            $"{{\n  inputs.nixpkgs.url = \"{NixGen.Config.NixGenConfig.DefaultNixpkgs}\";\n  outputs = {{ self, nixpkgs }}: {{ imports = [ ./nix/go-services.nix ]; }};\n}}\n");
        var env = nix.GoEnv(dir.Path);
        var local = Assert.Single((await InProcess.UpdateAsync(repo, env)).Services);
        Assert.NotNull(local.VendorHash);
        nix.Model.Lock(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);

        // The team's flake.nix is not nixgen's: the probe renders nixgen's own flake of the same packages.
        var viaNix = await InProcess.GenerateAsync(repo, env, new GenerateOptions(Jobs: 1, Strategy: "nix", Force: true), new ToolRunner());

        var hashed = Assert.Single(viaNix.Services);
        Assert.Equal(("nix", local.VendorHash), (hashed.Strategy, hashed.VendorHash));
    }

    [Fact]
    public async Task A_service_that_replaces_the_repository_root_converges_and_builds()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        WriteRootReplaceRepo(repo);
        Git.InitAndCommit(repo);
        var env = nix.GoEnv(dir.Path);

        var init = await InProcess.UpdateAsync(repo, env);
        var chroma = Assert.Single(init.Services, s => s.Name == "chroma");
        Assert.NotNull(chroma.VendorHash);
        Git.CommitAll(repo, "nixgen init");

        // The committed flake.nix, nixgen.lock and nixgen.yaml sit in the replaced root's package dir: they must not
        // reach vendor/, so the next run reuses every hash and nothing is stale.
        var runner = new ToolRunner();
        var update = await InProcess.GenerateAsync(repo, env, runner: runner);
        Assert.All(update.Services, s => Assert.Empty(s.Reasons));
        Assert.Equal(chroma.VendorHash, Assert.Single(update.Services, s => s.Name == "chroma").VendorHash);
        Assert.Empty(InProcess.Stale(repo, update));
        Assert.Equal(0, runner.ProcessesStarted);

        NixBuildFixture.OpenToBuilders(dir.Path);
        var outs = nix.Model.Build(repo, nix.NixEnv, "chroma", "lint");
        Assert.True(File.Exists(Path.Combine(outs["chroma"], "bin", "chroma")));

        // One definition: nix's src of chroma holds exactly the files nixgen vendored and fingerprinted.
        var scanned = RepoScanner.Scan(repo).Services.Single(s => s.Name == "chroma");
        Assert.Equal(scanned.Source.Files, FilesOf(nix.Model.EvalRaw(repo, Attr("chroma") + ".src")));
        Assert.DoesNotContain("flake.nix", scanned.Source.Files);
        Assert.DoesNotContain("tools/lint/main.go", scanned.Source.Files);
        Assert.Contains("README.md", scanned.Source.Files);
    }

    [Fact]
    public async Task A_teams_own_root_files_are_vendored_and_turning_a_generated_file_off_converges_in_one_update()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        WriteRootReplaceRepo(repo);
        // The team's own renovate.json sits in the replaced root's package dir: `go mod vendor` copies it, as it does in
        // nixpkgs' build of such a project. nixgen writes a default.nix there (defaultNix: true), which it never vendors.
        const string renovate = "{ \"extends\": [\"config:recommended\"] }\n";
        InProcess.WriteFile(repo, "renovate.json", renovate);
        InProcess.WriteFile(repo, "nixgen.yaml", "defaultNix: true\n");
        Git.InitAndCommit(repo);
        var env = nix.GoEnv(dir.Path);

        var init = await InProcess.UpdateAsync(repo, env);
        var hash = Assert.Single(init.Services, s => s.Name == "chroma").VendorHash;
        var scanned = RepoScanner.Scan(repo, generated: [.. NixGen.Config.OwnFiles.WrittenFor(NixGen.Config.ConfigLoader.Load(Path.Combine(repo, "nixgen.yaml")), repo)]);
        var source = scanned.Services.Single(s => s.Name == "chroma").Source.Files;
        Assert.Contains("renovate.json", source);
        Assert.DoesNotContain("default.nix", source);
        Assert.True(File.Exists(Path.Combine(repo, "default.nix")));
        Git.CommitAll(repo, "nixgen init");

        NixBuildFixture.OpenToBuilders(dir.Path);
        nix.Model.Build(repo, nix.NixEnv, "chroma");
        var vendored = Path.Combine(nix.Model.EvalRaw(repo, Attr("chroma") + ".goModules"), "example.com", "chroma", "v2");
        Assert.Equal(renovate, File.ReadAllText(Path.Combine(vendored, "renovate.json")));
        Assert.False(File.Exists(Path.Combine(vendored, "default.nix")));
        Assert.False(File.Exists(Path.Combine(vendored, "flake.nix")));

        // default.nix turned off: the update that removes it hashes the tree without it, so the next run is a no-op.
        File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), "# no default.nix any more\n");
        var off = await InProcess.UpdateAsync(repo, env);
        Assert.Equal(hash, Assert.Single(off.Services, s => s.Name == "chroma").VendorHash);
        Assert.False(File.Exists(Path.Combine(repo, "default.nix")));
        Git.CommitAll(repo, "no default.nix");
        var runner = new ToolRunner();
        var again = await InProcess.GenerateAsync(repo, env, runner: runner);
        Assert.All(again.Services, s => Assert.Empty(s.Reasons));
        Assert.Empty(InProcess.Stale(repo, again));
        Assert.Equal(0, runner.ProcessesStarted);
        nix.Model.Build(repo, nix.NixEnv, "chroma");
    }

    private static IReadOnlyList<string> FilesOf(string storePath) =>
        [.. Directory.EnumerateFileSystemEntries(storePath, "*", SearchOption.AllDirectories)
            .Where(p => !Directory.Exists(p) || new FileInfo(p).LinkTarget is not null)
            .Select(p => Path.GetRelativePath(storePath, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Services of every kind in one git repository whose working tree also holds files git does not track.</summary>
    private void WriteKindsRepo(string repo)
    {
        const string lib = "\nrequire example.com/kinds/libs/shared v0.0.0\n\nreplace example.com/kinds/libs/shared => ../../libs/shared\n";
        InProcess.WriteFile(repo, "libs/shared/go.mod", "module example.com/kinds/libs/shared\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/shared/shared.go", "// Package shared is shared.\npackage shared\n\n// Greeting is shared.\nconst Greeting = \"hello\"\n");
        InProcess.WriteFile(repo, "libs/shared/.gitignore", ".DS_Store\ncoverage.out\n");
        InProcess.Service(repo, "mixed", "\nrequire example.org/text v1.2.0\n" + lib, nix.TextSums, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"\n\t\"example.org/text\"", "fmt.Println(text.Shout(shared.Greeting))");
        InProcess.Service(repo, "localonly", lib, null, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"", "fmt.Println(shared.Greeting)");
        InProcess.Service(repo, "nodeps", "", null, "\"fmt\"", "fmt.Println(\"none\")");
        InProcess.Service(repo, "vendored", "\nrequire example.org/text v1.2.0\n", nix.TextSums, "\"fmt\"\n\n\t\"example.org/text\"", "fmt.Println(text.Shout(\"v\"))");
        InProcess.Service(repo, "devvendor", "\nrequire example.org/text v1.2.0\n", nix.TextSums, "\"fmt\"\n\n\t\"example.org/text\"", "fmt.Println(text.Shout(\"d\"))");
        InProcess.WriteFile(repo, "services/devvendor/.gitignore", "vendor/\n");
        InProcess.WriteFile(repo, "services/cgo/go.mod", "module example.com/kinds/services/cgo\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "services/cgo/main.go", "// Command cgo calls C.\npackage main\n\n// int answer(void) { return 42; }\nimport \"C\"\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(C.answer()) }\n");
    }

    private static void GoModVendor(string moduleDir, string proxyUrl, string modCache)
    {
        var (exit, _, err) = Tools.Run("go", moduleDir, Independent.GoEnv(proxyUrl, modCache), "mod", "vendor");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public async Task Untracked_and_ignored_files_never_reach_a_hash_and_every_kind_of_service_builds()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        WriteKindsRepo(repo);
        GoModVendor(Path.Combine(repo, "services", "vendored"), nix.Proxy.Url, Path.Combine(dir.Path, "mc"));
        Git.InitAndCommit(repo);
        var env = nix.GoEnv(dir.Path);
        var clean = await InProcess.GenerateAsync(repo, env);

        // A developer's working tree: ignored files in the shared library, a file they forgot to `git add`, and a
        // `go mod vendor` they ran for their editor (vendor/ ignored).
        InProcess.WriteFile(repo, "libs/shared/.DS_Store", "\0\0\0\u0001Bud1");
        InProcess.WriteFile(repo, "libs/shared/coverage.out", "mode: set\n");
        InProcess.WriteFile(repo, "libs/shared/notes.txt", "forgot to add this\n");
        GoModVendor(Path.Combine(repo, "services", "devvendor"), nix.Proxy.Url, Path.Combine(dir.Path, "mc"));

        var dirty = await InProcess.UpdateAsync(repo, env);
        Assert.Equal(clean.Services.Select(s => (s.Name, s.VendorHash, s.ProxyVendor)), dirty.Services.Select(s => (s.Name, s.VendorHash, s.ProxyVendor)));
        Assert.Contains(dirty.Warnings, w => w.StartsWith("localonly: 1 file(s)", StringComparison.Ordinal) && w.Contains("libs/shared/notes.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(dirty.Warnings, w => w.Contains(".DS_Store", StringComparison.Ordinal));

        string? Hash(string name) => dirty.Services.Single(s => s.Name == name).VendorHash;
        Assert.NotNull(Hash("devvendor")); // the ignored vendor/ is not in the flake: it is fetched
        Assert.Null(Hash("vendored"));     // the tracked one is
        Assert.Null(Hash("nodeps"));
        Assert.True(dirty.Services.Single(s => s.Name == "localonly").ProxyVendor);
        var flake = dirty.Files["flake.nix"];
        Assert.Contains("cgo = buildGoModuleWith { cgo = 1; } {", flake, StringComparison.Ordinal);

        Git.Run(repo, "add", "flake.nix", "nixgen.lock", "nixgen.yaml");
        NixBuildFixture.OpenToBuilders(dir.Path);
        var outs = nix.Model.Build(repo, nix.NixEnv, "mixed", "localonly", "nodeps", "vendored", "devvendor", "cgo");
        Assert.All(outs, o => Assert.True(File.Exists(Path.Combine(o.Value, "bin", o.Key))));
        var (exit, stdout, _) = Tools.Run(Path.Combine(outs["cgo"], "bin", "cgo"), dir.Path, null);
        Assert.Equal((0, "42\n"), (exit, stdout));
    }

    [Fact]
    public async Task A_root_module_service_beside_a_go_work_vendors_and_builds_outside_workspace_mode()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/app/libs/util v0.0.0\n\texample.org/text v1.2.0\n)\n\nreplace example.com/app/libs/util => ./libs/util\n");
        InProcess.WriteFile(repo, "go.sum", nix.TextSums);
        InProcess.WriteFile(repo, "main.go", "// Command app runs.\npackage main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/app/libs/util\"\n\t\"example.org/text\"\n)\n\nfunc main() { fmt.Println(text.Shout(util.Name)) }\n");
        InProcess.WriteFile(repo, "libs/util/go.mod", "module example.com/app/libs/util\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/util/util.go", "// Package util helps.\npackage util\n\n// Name is a name.\nconst Name = \"app\"\n");
        InProcess.WriteFile(repo, "go.work", "go 1.21\n\nuse (\n\t.\n\t./libs/util\n)\n");
        Git.InitAndCommit(repo);

        var result = await InProcess.UpdateAsync(repo, nix.GoEnv(dir.Path));
        Assert.NotNull(Assert.Single(result.Services).VendorHash);
        Git.CommitAll(repo, "nixgen init");

        NixBuildFixture.OpenToBuilders(dir.Path);
        var src = nix.Model.EvalRaw(repo, Attr("app") + ".src");
        Assert.False(File.Exists(Path.Combine(src, "go.work")));
        Assert.False(File.Exists(Path.Combine(src, "flake.nix")));
        var outs = nix.Model.Build(repo, nix.NixEnv, "app");
        Assert.True(File.Exists(Path.Combine(outs["app"], "bin", "app")));
    }
}
