using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// nixgen where Nix already lives: a hand-written flake, a flake-parts flake, non-flake users, a package per binary.
/// Each builds through the model of nixpkgs with the real nix.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AdoptionSpecs(NixBuildFixture nix) : IClassFixture<NixBuildFixture>
{
    private static readonly string[] Binaries = ["api", "migrate", "worker"];

    private static Dictionary<string, string?> CliEnv(string scratch, string repo) => new()
    {
        ["GOPROXY"] = "file://" + Path.Combine(repo, "third_party", "goproxy"),
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["XDG_CACHE_HOME"] = Path.Combine(scratch, "cache"),
    };

    /// <summary>The example without anything nixgen wrote, and with a flake of the team's own.</summary>
    private static string ExampleWithOwnFlake(TempDir dir, string flake)
    {
        var repo = Repo.CopyRepo(dir, Repo.Example, "flake.nix", "nixgen.lock", "nixgen.yaml");
        Directory.Delete(Path.Combine(repo, ".github"), recursive: true);
        File.WriteAllText(Path.Combine(repo, "flake.nix"), flake);
        Git.InitAndCommit(repo);
        return repo;
    }

    private const string OwnFlake = """
        {
          description = "A team's own flake: a dev shell and a script, written by hand";

          inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";

          outputs =
            { self, nixpkgs }:
            let
              pkgs = nixpkgs.legacyPackages.x86_64-linux;
            in
            {
              packages.x86_64-linux.hello-script = pkgs.jq;
              devShells.x86_64-linux.default = pkgs.mkShell { packages = [ pkgs.jq ]; };
            };
        }

        """;

    [Fact]
    public async Task Init_keeps_a_hand_written_flake_and_its_packages_build_from_the_module()
    {
        using var dir = new TempDir();
        var repo = ExampleWithOwnFlake(dir, OwnFlake);
        var env = CliEnv(dir.Path, repo);

        var init = await InProcessCli.RunAsync(repo, env, "init");

        Assert.True(init.Exit == 0, init.ToString());
        Assert.Equal(OwnFlake, File.ReadAllText(Path.Combine(repo, "flake.nix")));
        Assert.Contains("output: module", File.ReadAllText(Path.Combine(repo, "nixgen.yaml")), StringComparison.Ordinal);
        Assert.Contains("goServices = import ./nix/go-services.nix { inherit pkgs; };", init.Out, StringComparison.Ordinal);
        var check = await InProcessCli.RunAsync(repo, env, "check");
        Assert.Contains("warning: flake.nix does not import nix/go-services.nix", check.Err, StringComparison.Ordinal);

        // The team adds the two lines init printed.
        var own = OwnFlake.Replace("""
                  pkgs = nixpkgs.legacyPackages.x86_64-linux;
            """, """
                  pkgs = nixpkgs.legacyPackages.x86_64-linux;
                  goServices = import ./nix/go-services.nix { inherit pkgs; };
            """, StringComparison.Ordinal).Replace("packages.x86_64-linux.hello-script = pkgs.jq;", "packages.x86_64-linux = goServices.packages // { hello-script = pkgs.jq; };", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(repo, "flake.nix"), own);
        Git.CommitAll(repo, "use nixgen's module");

        var update = await InProcessCli.RunAsync(repo, env, "update");
        Assert.Contains("nixgen: no file changed", update.Out, StringComparison.Ordinal);
        var clean = await InProcessCli.RunAsync(repo, env, "check");
        Assert.True(clean.Exit == 0 && !clean.Err.Contains("warning", StringComparison.Ordinal), clean.ToString());
        Assert.Equal(own, File.ReadAllText(Path.Combine(repo, "flake.nix")));

        NixBuildFixture.OpenToBuilders(dir.Path);
        var outs = nix.Model.Build(repo, new Dictionary<string, string> { ["GOPROXY"] = env["GOPROXY"]! }, "orders", "gateway", "inventory", "hello-script");
        Assert.True(File.Exists(Path.Combine(outs["orders"], "bin", "orders")));
        Assert.True(File.Exists(Path.Combine(outs["inventory"], "bin", "inventory-worker")));
    }

    [Fact]
    public async Task Init_adopts_a_hand_written_flake_beside_a_nixgen_yaml_that_does_not_say_output()
    {
        using var dir = new TempDir();
        // The team wrote nixgen.yaml first (no `output:`), then ran init in a repository with a flake of its own.
        var repo = Repo.CopyRepo(dir, Repo.Example, "flake.nix", "nixgen.lock");
        Directory.Delete(Path.Combine(repo, ".github"), recursive: true);
        File.WriteAllText(Path.Combine(repo, "flake.nix"), OwnFlake);
        var config = File.ReadAllText(Path.Combine(repo, "nixgen.yaml")).Replace("ci:\n  provider: github\n  dependabot: true\n", "", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), config);
        Git.InitAndCommit(repo);
        var env = CliEnv(dir.Path, repo);

        var init = await InProcessCli.RunAsync(repo, env, "init");

        Assert.True(init.Exit == 0, init.ToString());
        Assert.Equal(OwnFlake, File.ReadAllText(Path.Combine(repo, "flake.nix")));
        // Every byte of the team's file kept; the choice recorded after its leading comment.
        var lines = config.Split('\n').ToList();
        lines.Insert(1, "# Your flake.nix stays yours: nixgen writes its Go services to nix/go-services.nix.\noutput: module");
        Assert.Equal(string.Join("\n", lines), File.ReadAllText(Path.Combine(repo, "nixgen.yaml")));
        Assert.True(File.Exists(Path.Combine(repo, "nix", "go-services.nix")));
        Assert.False(File.Exists(Path.Combine(repo, "default.nix")));

        Git.CommitAll(repo, "nixgen");
        var update = await InProcessCli.RunAsync(repo, env, "update");
        Assert.Contains("nixgen: no file changed", update.Out, StringComparison.Ordinal);
        var check = await InProcessCli.RunAsync(repo, env, "check");
        Assert.Equal(0, check.Exit);
        // The file that holds the hashes in this mode is the module, and check names it.
        Assert.StartsWith("nixgen: nix/go-services.nix and nixgen.lock are current (4 services", check.Out, StringComparison.Ordinal);
        Assert.Equal(OwnFlake, File.ReadAllText(Path.Combine(repo, "flake.nix")));
    }

    [Theory]
    [InlineData("--ci", "github")]
    [InlineData("--own-flake", "")]
    public async Task Init_that_writes_its_nixgen_yaml_renders_what_the_next_check_renders(string what, string ci)
    {
        // A root-module service: its source is the repository root, so the files nixgen writes (a CI workflow, a
        // module) are in the fileset's exclusions; init must already render them from the nixgen.yaml it writes.
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module example.com/tool\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nfunc main() {}\n");
        if (what == "--own-flake")
        {
            InProcess.WriteFile(repo, "flake.nix", OwnFlake);
        }

        Git.InitAndCommit(repo);
        var env = CliEnv(dir.Path, repo);

        var init = await InProcessCli.RunAsync(repo, env, what == "--ci" ? ["init", "--ci", ci] : ["init"]);
        Assert.True(init.Exit == 0, init.ToString());
        Git.CommitAll(repo, "nixgen");

        var check = await InProcessCli.RunAsync(repo, env, "check");
        Assert.True(check.Exit == 0, check.ToString());
        var generated = File.ReadAllText(Path.Combine(repo, what == "--ci" ? "flake.nix" : "nix/go-services.nix"));
        Assert.Contains(what == "--ci" ? "./.github/workflows/nix.yml" : "(src + \"/nix/go-services.nix\")", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("output: flake\n", 2, "nixgen.yaml asks for `output: flake`; set `output: module`")]
    [InlineData("# the team's settings\n{ description: x }\n", 2, "nixgen.yaml:2:1: flake.nix is hand-written, so nixgen writes a module for it: add `output: module` to this mapping")]
    public async Task Init_beside_a_hand_written_flake_refuses_a_config_it_cannot_follow_and_writes_nothing(string yaml, int exit, string message)
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example, "flake.nix", "nixgen.lock", "nixgen.yaml");
        Directory.Delete(Path.Combine(repo, ".github"), recursive: true);
        File.WriteAllText(Path.Combine(repo, "flake.nix"), OwnFlake);
        File.WriteAllText(Path.Combine(repo, "nixgen.yaml"), yaml);
        Git.InitAndCommit(repo);

        var init = await InProcessCli.RunAsync(repo, CliEnv(dir.Path, repo), "init");

        Assert.Equal(exit, init.Exit);
        Assert.Contains(message, init.Err, StringComparison.Ordinal);
        Assert.Equal("", Git.Run(repo, "status", "--porcelain"));
    }

    [Fact]
    public async Task A_custom_output_file_inside_a_replaced_package_is_never_source_and_the_repo_converges()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        // The root module is a service and a library; services/api replaces the root and imports lib/, the
        // directory that also holds nixgen's output: `go mod vendor` copies every file of lib/.
        InProcess.WriteFile(repo, "go.mod", "module example.com/tool\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nimport \"example.com/tool/lib\"\n\nfunc main() { println(lib.Name) }\n");
        InProcess.WriteFile(repo, "lib/lib.go", "// Package lib is shared.\npackage lib\n\n// Name is shared.\nconst Name = \"tool\"\n");
        InProcess.WriteFile(repo, "services/api/go.mod", "module example.com/api\n\ngo 1.21\n\nrequire (\n\texample.com/tool v0.0.0\n\texample.org/text v1.2.0\n)\n\nreplace example.com/tool => ../..\n");
        InProcess.WriteFile(repo, "services/api/go.sum", nix.TextSums);
        InProcess.WriteFile(repo, "services/api/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/tool/lib\"\n\t\"example.org/text\"\n)\n\nfunc main() { fmt.Println(text.Shout(lib.Name)) }\n");
        InProcess.WriteFile(repo, "nixgen.yaml", "output: module\noutputFile: lib/go-services.nix\n");
        InProcess.WriteFile(repo, "flake.nix", """
            {
              inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";
              outputs =
                { self, nixpkgs }:
                let
                  goServices = import ./lib/go-services.nix { pkgs = nixpkgs.legacyPackages.x86_64-linux; };
                in
                {
                  packages.x86_64-linux = goServices.packages;
                };
            }

            """);
        Git.InitAndCommit(repo);
        var env = new Dictionary<string, string?> { ["GOPROXY"] = nix.Proxy.Url, ["GOSUMDB"] = "off", ["GOFLAGS"] = "-mod=mod", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };

        var init = await InProcessCli.RunAsync(repo, env, "init");
        Assert.True(init.Exit == 0, init.ToString());
        Assert.DoesNotContain("not tracked by git", init.Err, StringComparison.Ordinal);
        var module = File.ReadAllText(Path.Combine(repo, "lib", "go-services.nix"));
        Assert.Contains("(src + \"/lib/go-services.nix\")", module, StringComparison.Ordinal);
        Git.CommitAll(repo, "nixgen");

        // Committed, the output file is in git's view: it is still no service's source, so nothing is re-hashed.
        var update = await InProcessCli.RunAsync(repo, env, "update", "--explain");
        Assert.True(update.Exit == 0, update.ToString());
        Assert.Contains("nixgen: no file changed", update.Out, StringComparison.Ordinal);
        Assert.Contains("api: unchanged", update.Out + update.Err, StringComparison.Ordinal);
        Assert.Contains("tool: unchanged", update.Out + update.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "check")).Exit);

        NixBuildFixture.OpenToBuilders(dir.Path);
        var outs = nix.Model.Build(repo, nix.NixEnv, "api", "tool");
        var (exit, stdout, _) = Tools.Run(Path.Combine(outs["api"], "bin", "api"), dir.Path, null);
        Assert.Equal((0, "TOOL!\n"), (exit, stdout));
    }

    [Fact]
    public async Task A_flake_parts_flake_gets_a_flake_parts_module_it_imports()
    {
        using var dir = new TempDir();
        const string partsFlake = """
            {
              inputs = {
                nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";
                flake-parts.url = "github:hercules-ci/flake-parts";
              };

              outputs =
                inputs@{ flake-parts, ... }:
                flake-parts.lib.mkFlake { inherit inputs; } {
                  systems = [ "x86_64-linux" ];
                  imports = [ ];
                  perSystem = { pkgs, ... }: { devShells.default = pkgs.mkShell { }; };
                };
            }

            """;
        var repo = ExampleWithOwnFlake(dir, partsFlake);
        var env = CliEnv(dir.Path, repo);

        var init = await InProcessCli.RunAsync(repo, env, "init");

        Assert.True(init.Exit == 0, init.ToString());
        Assert.Equal(partsFlake, File.ReadAllText(Path.Combine(repo, "flake.nix")));
        Assert.Contains("output: flake-parts", File.ReadAllText(Path.Combine(repo, "nixgen.yaml")), StringComparison.Ordinal);
        Assert.Contains("imports = [ ./nix/go-services.nix ];", init.Out, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(repo, "flake.nix"), partsFlake.Replace("imports = [ ];", "imports = [ ./nix/go-services.nix ];", StringComparison.Ordinal));
        Git.CommitAll(repo, "import nixgen's module");
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "check")).Exit);

        NixBuildFixture.OpenToBuilders(dir.Path);
        nix.Model.ExtraOverrides.AddRange(["--override-input", "flake-parts", "path:" + nix.Model.FlakePartsStandIn]);
        try
        {
            var outs = nix.Model.Build(repo, new Dictionary<string, string> { ["GOPROXY"] = env["GOPROXY"]! }, "orders", "inventory", "notifications");
            Assert.True(File.Exists(Path.Combine(outs["inventory"], "bin", "inventory-worker")));
        }
        finally
        {
            nix.Model.ExtraOverrides.Clear();
        }
    }

    [Fact]
    public async Task Default_nix_builds_the_flakes_packages_with_nix_build_and_the_locked_nixpkgs()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        File.AppendAllText(Path.Combine(repo, "nixgen.yaml"), "defaultNix: true\n");
        var env = CliEnv(dir.Path, repo);
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "update")).Exit);
        Assert.Contains("nix-build -A orders", File.ReadAllText(Path.Combine(repo, "default.nix")), StringComparison.Ordinal);
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);
        nix.Model.Lock(repo);
        Git.CommitAll(repo, "flake.lock");

        var orders = NixModel.NixBuild(repo, new Dictionary<string, string> { ["GOPROXY"] = env["GOPROXY"]! }, "default.nix", "orders");

        Assert.True(File.Exists(Path.Combine(orders, "bin", "orders")));
        // The same derivation as the flake's.
        Assert.Equal(nix.Model.OutPaths(repo, "orders")["orders"], orders);
    }

    [Fact]
    public async Task A_package_per_binary_shares_one_vendor_derivation()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "services/shop/go.mod", "module example.com/shop\n\ngo 1.21\n\nrequire example.org/text v1.2.0\n");
        InProcess.WriteFile(repo, "services/shop/go.sum", nix.TextSums);
        foreach (var b in Binaries)
        {
            InProcess.WriteFile(repo, $"services/shop/cmd/{b}/main.go", $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.org/text\"\n)\n\nfunc main() {{ fmt.Println(text.Shout(\"{b}\")) }}\n");
        }

        InProcess.WriteFile(repo, "nixgen.yaml", "services:\n  services/shop:\n    binaries: separate\n    mainProgram: api\n");
        Git.InitAndCommit(repo);
        await InProcess.UpdateAsync(repo, nix.GoEnv(dir.Path));
        Git.CommitAll(repo, "nixgen");
        NixBuildFixture.OpenToBuilders(dir.Path);

        var outs = nix.Model.Build(repo, nix.NixEnv, "shop-api", "shop-migrate", "shop-worker", "default");

        foreach (var b in Binaries)
        {
            Assert.Equal([b], Directory.EnumerateFiles(Path.Combine(outs["shop-" + b], "bin")).Select(Path.GetFileName));
        }

        Assert.Equal(outs["shop-api"], outs["default"]);
        var vendors = Binaries.Select(b => nix.Model.EvalRaw(repo, NixModel.Package("shop-" + b) + ".goModules.outPath")).Distinct().ToList();
        Assert.Single(vendors);
        Assert.EndsWith("-shop-unstable-go-modules", Assert.Single(vendors), StringComparison.Ordinal);
    }
}
