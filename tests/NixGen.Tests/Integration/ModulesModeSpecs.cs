using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// Modules mode (`hashing.mode: modules`): a hash per module file in nix/go-modules.json, fetched once per module by
/// stock fetchurl and shared by every service; vendor/ assembled offline. Built through the nixpkgs model.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModulesModeSpecs(NixBuildFixture nix) : IClassFixture<NixBuildFixture>
{
    private static string ModulesRepo(TempDir dir, out Dictionary<string, string?> env)
    {
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var proxy = "file://" + Path.Combine(repo, "third_party", "goproxy");
        var yaml = Path.Combine(repo, "nixgen.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("hashing:\n  strategy: local\n", $"hashing:\n  strategy: local\n  mode: modules\ngoproxy: {proxy}\n", StringComparison.Ordinal));
        env = new Dictionary<string, string?> { ["GOPROXY"] = proxy, ["GOSUMDB"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };
        return repo;
    }

    [Fact]
    public async Task The_example_builds_in_modules_mode_and_its_binaries_equal_vendor_modes()
    {
        using var dir = new TempDir();
        var repo = ModulesRepo(dir, out var env);

        var update = await InProcessCli.RunAsync(repo, env, "update", "--explain");

        Assert.True(update.Exit == 0, update.ToString());
        var data = File.ReadAllText(Path.Combine(repo, "nix", "go-modules.json"));
        Assert.Contains("\"go.acme.dev/retry@v0.3.1\": {\"escaped\":\"go.acme.dev/retry/@v/v0.3.1\"", data, StringComparison.Ordinal);
        Assert.Contains("\"go.acme.dev/uuid@v1.2.0\"", data, StringComparison.Ordinal);
        var flake = File.ReadAllText(Path.Combine(repo, "flake.nix"));
        Assert.DoesNotContain("vendorHash = \"sha256-", flake, StringComparison.Ordinal);
        Assert.Contains("src = withModules pkgs {", flake, StringComparison.Ordinal);
        // Byte-stable: a second run changes nothing.
        Assert.Contains("nixgen: no file changed", (await InProcessCli.RunAsync(repo, env, "update")).Out, StringComparison.Ordinal);

        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);
        var modules = nix.Model.Build(repo, new Dictionary<string, string>(), "orders", "inventory", "gateway", "orders-linux-arm64");

        // The same services in vendor mode (the committed example), built the usual way.
        using var vendorDir = new TempDir();
        var vendorRepo = Repo.CopyRepo(vendorDir, Repo.Example);
        Git.InitAndCommit(vendorRepo);
        NixBuildFixture.OpenToBuilders(vendorDir.Path);
        var vendor = nix.Model.Build(vendorRepo, new Dictionary<string, string> { ["GOPROXY"] = "file://" + Path.Combine(vendorRepo, "third_party", "goproxy") }, "orders", "inventory");

        Assert.Equal(File.ReadAllBytes(Path.Combine(vendor["orders"], "bin", "orders")), File.ReadAllBytes(Path.Combine(modules["orders"], "bin", "orders")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(vendor["inventory"], "bin", "inventory-worker")), File.ReadAllBytes(Path.Combine(modules["inventory"], "bin", "inventory-worker")));

        // The vendor tree assembled from the per-module fetches is the one `go mod vendor` makes against the proxy:
        // its NAR hash is the vendorHash of vendor mode.
        var source = nix.Model.EvalRaw(repo, NixModel.Package("orders") + ".src");
        Assert.Equal(
            NixGen.Planning.LockFile.Load(Path.Combine(Repo.Example, "nixgen.lock")).Services["orders"].VendorHash,
            Tools.NixHashPath(Path.Combine(source, "services", "orders", "vendor")));
    }

    [Fact]
    public async Task A_bump_changes_one_entry_and_a_library_edit_changes_no_hash_and_passes_check_without_update()
    {
        using var dir = new TempDir();
        var v130 = nix.PublishTextV130();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "libs/shared/go.mod", "module example.com/m/libs/shared\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/shared/shared.go", "// Package shared is shared.\npackage shared\n\n// Greeting is shared.\nconst Greeting = \"hello\"\n");
        InProcess.WriteFile(repo, "svc/go.mod", "module example.com/m/svc\n\ngo 1.21\n\nrequire (\n\texample.com/m/libs/shared v0.0.0\n\texample.org/text v1.2.0\n)\n\nreplace example.com/m/libs/shared => ../libs/shared\n");
        InProcess.WriteFile(repo, "svc/go.sum", nix.TextSums);
        InProcess.WriteFile(repo, "svc/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/m/libs/shared\"\n\t\"example.org/text\"\n)\n\nfunc main() { fmt.Println(text.Shout(shared.Greeting)) }\n");
        InProcess.WriteFile(repo, "nixgen.yaml", $"hashing:\n  mode: modules\ngoproxy: {nix.Proxy.Url}\n");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = nix.Proxy.Url, ["GOSUMDB"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "init")).Exit);
        var dataFile = Path.Combine(repo, "nix", "go-modules.json");
        var before = File.ReadAllLines(dataFile);
        var flakeBefore = File.ReadAllText(Path.Combine(repo, "flake.nix"));

        // A library edit, checked by a developer on another Go series: no module file changes, so no hash does, and the
        // gate passes without an update commit (the lock holds nothing a library edit or a Go can change).
        var lockBefore = File.ReadAllText(Path.Combine(repo, "nixgen.lock"));
        File.AppendAllText(Path.Combine(repo, "libs", "shared", "shared.go"), "\n// Farewell too.\nconst Farewell = \"bye\"\n");
        var check = await InProcessCli.RunAsync(repo, new Dictionary<string, string?>(env) { ["NIXGEN_GO"] = Path.Combine(Repo.GoBin("1.24")!, "go") }, "check");
        Assert.True(check.Exit == 0, check.ToString());
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "update")).Exit);
        Assert.Equal(NixGen.Planning.LockFile.Comparable(lockBefore), NixGen.Planning.LockFile.Comparable(File.ReadAllText(Path.Combine(repo, "nixgen.lock"))));
        Assert.Equal(before, File.ReadAllLines(dataFile));
        Assert.Equal(flakeBefore, File.ReadAllText(Path.Combine(repo, "flake.nix")));

        // A bump: exactly the entry of the bumped module is replaced.
        var goMod = Path.Combine(repo, "svc", "go.mod");
        File.WriteAllText(goMod, File.ReadAllText(goMod).Replace("example.org/text v1.2.0", "example.org/text v1.3.0", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(repo, "svc", "go.sum"), v130);
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "update")).Exit);
        var after = File.ReadAllLines(dataFile);
        var removed = before.Except(after).ToList();
        var added = after.Except(before).ToList();
        Assert.StartsWith("    \"example.org/text@v1.2.0\"", Assert.Single(removed), StringComparison.Ordinal);
        Assert.StartsWith("    \"example.org/text@v1.3.0\"", Assert.Single(added).TrimEnd(','), StringComparison.Ordinal);

        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);
        var outs = nix.Model.Build(repo, new Dictionary<string, string>(), "svc");
        var (exit, stdout, _) = Tools.Run(Path.Combine(outs["svc"], "bin", "svc"), dir.Path, null);
        Assert.Equal((0, "HELLO!!\n"), (exit, stdout));
    }

    [Fact]
    public async Task A_private_proxy_gets_netrc_credentials_from_the_builders_environment_never_the_store()
    {
        using var dir = new TempDir();
        // A module no earlier run has fetched: its fixed-output derivation must really run here.
        var proxy = new NixGen.Fixtures.GoProxyBuilder(Path.Combine(dir.Path, "proxy"));
        var unique = Guid.NewGuid().ToString("N");
        proxy.Publish("example.org/private", "v1.0.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/private\n\ngo 1.21\n",
            ["private.go"] = $"// Package private is only on the team's proxy.\npackage private\n\n// Token is {unique}.\nconst Token = \"{unique}\"\n",
        });
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.Service(repo, "app", "\nrequire example.org/private v1.0.0\n", string.Concat(proxy.SumLines("example.org/private", "v1.0.0").Select(l => l + "\n")), "\"fmt\"\n\n\t\"example.org/private\"", "fmt.Println(len(private.Token))");
        InProcess.WriteFile(repo, "nixgen.yaml", $"hashing:\n  mode: modules\ngoproxy: {proxy.Url}\ngoproxyAuth: true\n");
        var env = new Dictionary<string, string?> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };
        var init = await InProcessCli.RunAsync(repo, env, "init");
        Assert.True(init.Exit == 0, init.ToString());
        var flake = File.ReadAllText(Path.Combine(repo, "flake.nix"));
        Assert.Contains("netrcImpureEnvVars = [", flake, StringComparison.Ordinal);
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);

        var without = nix.Model.TryBuild(repo, new Dictionary<string, string>(), "app");
        Assert.NotEqual(0, without.Exit);
        Assert.Contains("the Go proxy needs NIX_GOPROXY_USERNAME and NIX_GOPROXY_PASSWORD", without.Err, StringComparison.Ordinal);

        var secret = "s3cret-" + unique;
        var outs = nix.Model.Build(repo, new Dictionary<string, string> { ["NIX_GOPROXY_USERNAME"] = "ci", ["NIX_GOPROXY_PASSWORD"] = secret }, "app");
        var (exit, stdout, _) = Tools.Run(Path.Combine(outs["app"], "bin", "app"), dir.Path, null);
        Assert.Equal((0, "32\n"), (exit, stdout));
        // The credentials are impure inputs of the fetch: neither the derivations nor the outputs hold them.
        var drv = Tools.Run("nix", repo, null, "--extra-experimental-features", "nix-command flakes", "show-derivation", "-r", NixModel.FlakeRef(repo) + "#" + NixModel.Package("app"),
            "--override-input", "nixpkgs", "path:" + nix.Model.Dir);
        Assert.True(drv.Exit == 0, drv.Err);
        Assert.Contains("NIX_GOPROXY_PASSWORD", drv.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, drv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_file_that_is_not_what_go_sum_records_is_refused_at_update_not_at_build()
    {
        using var dir = new TempDir();
        var proxy = new NixGen.Fixtures.GoProxyBuilder(Path.Combine(dir.Path, "proxy"));
        var other = new NixGen.Fixtures.GoProxyBuilder(Path.Combine(dir.Path, "other"));
        foreach (var (p, word) in new[] { (proxy, "one"), (other, "two") })
        {
            p.Publish("example.org/word", "v1.0.0", new Dictionary<string, string>
            {
                ["go.mod"] = "module example.org/word\n\ngo 1.21\n",
                ["word.go"] = $"// Package word has a word.\npackage word\n\n// Word is the word.\nconst Word = \"{word}\"\n",
            });
        }

        var repo = Path.Combine(dir.Path, "repo");
        InProcess.Service(repo, "app", "\nrequire example.org/word v1.0.0\n", string.Concat(proxy.SumLines("example.org/word", "v1.0.0").Select(l => l + "\n")), "\"fmt\"\n\n\t\"example.org/word\"", "fmt.Println(word.Word)");
        InProcess.WriteFile(repo, "nixgen.yaml", $"hashing:\n  mode: modules\ngoproxy: {proxy.Url}\n");
        // The proxy now serves another tree for the same version (a re-tagged module, a misconfigured mirror).
        File.Copy(Path.Combine(other.Root, "example.org", "word", "@v", "v1.0.0.zip"), Path.Combine(proxy.Root, "example.org", "word", "@v", "v1.0.0.zip"), overwrite: true);
        var env = new Dictionary<string, string?> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off", ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };

        var init = await InProcessCli.RunAsync(repo, env, "init");

        Assert.NotEqual(0, init.Exit);
        Assert.Contains("example.org/word@v1.0.0: " + proxy.Url + "/example.org/word/@v/v1.0.0.zip is not the file go.sum records (go.sum: "
            + proxy.SumLines("example.org/word", "v1.0.0").Single(l => !l.Contains("/go.mod", StringComparison.Ordinal)).Split(' ')[2], init.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo, "flake.nix")));
        Assert.False(File.Exists(Path.Combine(repo, "nix", "go-modules.json")));
    }
}
