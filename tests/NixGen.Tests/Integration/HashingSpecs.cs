using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class HashingSpecs
{
    [Fact]
    public void The_in_process_NAR_hasher_agrees_with_nix_hash_path()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "tree");
        dir.Write("tree/a.txt", "hello\n");
        dir.Write("tree/empty", "");
        dir.Write("tree/nested/deeper/x.go", "package x\n");
        Directory.CreateDirectory(Path.Combine(root, "emptydir"));
        dir.Write("tree/ünïcödé/名前.txt", "unicode names\n");
        var exe = dir.Write("tree/bin/run.sh", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(root, "link"), "nested/deeper/x.go");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "does-not-exist");
        File.WriteAllBytes(Path.Combine(root, "large.bin"), Enumerable.Range(0, 3_000_001).Select(i => (byte)(i * 31)).ToArray());
        dir.Write("tree/B-upper-sorts-first", "x");
        Assert.Equal(Tools.NixHashPath(root), NarHasher.HashPath(root));
        Assert.Equal(Tools.NixHashPath(Path.Combine(root, "a.txt")), NarHasher.HashPath(Path.Combine(root, "a.txt")));
    }

    [Fact]
    public void The_NAR_hasher_reading_ahead_on_a_large_tree_agrees_with_nix_hash_path()
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "vendor");
        var random = new Random(5);
        for (var i = 0; i < 400; i++)
        {
            var bytes = new byte[random.Next(0, 20_000)];
            random.NextBytes(bytes);
            var file = Path.Combine(root, $"m{i % 17}", $"p{i % 5}", $"f{i}.go");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
            if (i % 50 == 0)
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        File.WriteAllBytes(Path.Combine(root, "m3", "big.bin"), Enumerable.Range(0, 2_500_000).Select(i => (byte)(i * 7)).ToArray());
        File.CreateSymbolicLink(Path.Combine(root, "m4", "link"), "../m3/big.bin");
        Assert.Equal(Tools.NixHashPath(root), NarHasher.HashPath(root));
    }

    [Fact]
    public async Task Init_on_the_example_computes_every_vendorHash_right_and_leaves_the_go_files_alone()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example, "nixgen.lock", "flake.nix");
        var before = Repo.Snapshot(repo);
        var env = GoEnvironments.Example(dir.Path);

        var result = await new Generator(new ToolRunner(), env, new SilentReporter())
            .GenerateAsync(repo, new GenerateOptions(Jobs: 2), CancellationToken.None);

        // Independent computation: go mod vendor in a fresh copy + nix hash path.
        foreach (var s in result.Services)
        {
            Assert.Equal(Independent(repo, s.ModRoot, dir.Path), (s.VendorHash, s.ProxyVendor));
        }

        Assert.Equal(["gateway", "inventory", "notifications", "orders"], result.Services.Select(s => s.Name));
        Assert.Equal(before, Repo.Snapshot(repo));
        var committed = File.ReadAllText(Path.Combine(Repo.Example, "flake.nix"));
        Assert.Equal(committed, result.Files["flake.nix"]);
    }

    [Fact]
    public async Task A_no_op_update_starts_no_process_and_a_bump_rehashes_one_service_and_says_why()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var env = GoEnvironments.Example(dir.Path);

        var runner = new ToolRunner();
        var noop = await new Generator(runner, env, new SilentReporter()).GenerateAsync(repo, new GenerateOptions(), CancellationToken.None);
        Assert.Equal(0, runner.ProcessesStarted);
        Assert.All(noop.Services, s => Assert.True(s.Reused, s.Name));

        // Publish retry v0.3.2 to the example's proxy and bump inventory to it.
        var modules = Path.Combine(repo, "third_party", "modules");
        Repo.CopyTree(Path.Combine(modules, "go.acme.dev!retry@v0.3.1"), Path.Combine(modules, "go.acme.dev!retry@v0.3.2"));
        File.AppendAllText(Path.Combine(modules, "go.acme.dev!retry@v0.3.2", "retry.go"), "\n// Version is this release.\nconst Version = \"v0.3.2\"\n");
        Assert.Equal(0, Tools.Run("python3", repo, null, "third_party/build-goproxy.py").Exit);
        var goEnv = new Dictionary<string, string>(env.PassThrough.ToDictionary(p => p.Key, p => p.Value!)) { ["GOMODCACHE"] = env.ModCache, ["GOWORK"] = "off", ["GOFLAGS"] = "-mod=mod" };
        var get = Tools.Run("go", Path.Combine(repo, "services", "inventory"), goEnv, "get", "go.acme.dev/retry@v0.3.2");
        Assert.True(get.Exit == 0, get.Err);

        var bumped = await new Generator(new ToolRunner(), env, new SilentReporter()).GenerateAsync(repo, new GenerateOptions(), CancellationToken.None);
        var inventory = Assert.Single(bumped.Services, s => !s.Reused);
        Assert.Equal("inventory", inventory.Name);
        Assert.Contains("go.sum changed: go.acme.dev/retry v0.3.1 -> v0.3.2", inventory.Reasons);
        Assert.NotEqual(inventory.PreviousHash, inventory.VendorHash);
        Assert.Equal(Independent(repo, "services/inventory", dir.Path), (inventory.VendorHash, false));
    }

    [Fact]
    public async Task A_change_in_a_shared_library_rehashes_its_users_and_names_the_files()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        File.AppendAllText(Path.Combine(repo, "libs", "platform", "httpx", "httpx.go"), "\n// Retries is the default retry budget.\nconst Retries = 3\n");
        dir.Write("repo/libs/platform/metrics/metrics.go", "// Package metrics counts.\npackage metrics\n");

        var result = await new Generator(new ToolRunner(), GoEnvironments.Example(dir.Path), new SilentReporter())
            .GenerateAsync(repo, new GenerateOptions(), CancellationToken.None);

        // gateway replaces the library too, but fetches nothing (proxyVendor, vendorHash = null whatever the library
        // holds): its lock entry does not depend on the library, so the edit makes it neither stale nor re-hashed.
        var rehashed = result.Services.Where(s => !s.Reused).ToList();
        Assert.Equal(["orders"], rehashed.Select(s => s.Name));
        Assert.Null(result.Services.Single(s => s.Name == "gateway").VendorHash);
        Assert.All(rehashed, s => Assert.Equal(["local replace libs/platform changed (2 files: httpx/httpx.go, +metrics/metrics.go)"], s.Reasons));
        var orders = rehashed.Single(s => s.Name == "orders");
        Assert.NotEqual(orders.PreviousHash, orders.VendorHash);
        Assert.Equal(Independent(repo, "services/orders", dir.Path), (orders.VendorHash, false));
    }

    [Fact]
    public void The_root_flake_parses() => Tools.AssertNixParses(Path.Combine(Repo.Root, "flake.nix"));

    // What a user would do by hand: copy the service and its local replaces, `go mod vendor`, `nix hash path vendor`.
    private static (string? Hash, bool ProxyVendor) Independent(string repo, string modRoot, string scratch)
    {
        using var work = new TempDir();
        Repo.CopyTree(Path.Combine(repo, "services"), Path.Combine(work.Path, "services"));
        Repo.CopyTree(Path.Combine(repo, "libs"), Path.Combine(work.Path, "libs"));
        var env = new Dictionary<string, string>
        {
            ["GOPROXY"] = "file://" + Path.Combine(repo, "third_party", "goproxy"),
            ["GOSUMDB"] = "off",
            ["GOWORK"] = "off",
            ["GOMODCACHE"] = Path.Combine(work.Path, "fresh-modcache"),
            ["GOFLAGS"] = "",
            ["GOTOOLCHAIN"] = "local",
        };
        var dir = Path.Combine(work.Path, modRoot);
        var (exit, _, err) = Tools.Run("go", dir, env, "mod", "vendor");
        Tools.Run("chmod", work.Path, null, "-R", "u+w", work.Path);
        Assert.True(exit == 0 || err.Contains("no dependencies to vendor", StringComparison.Ordinal), err);
        if (!File.Exists(Path.Combine(dir, "vendor", "modules.txt")))
        {
            return (null, false);
        }

        var modulesTxt = File.ReadAllText(Path.Combine(dir, "vendor", "modules.txt"));
        if (modulesTxt.Split('\n').Where(l => l.StartsWith("# ", StringComparison.Ordinal)).All(l => l.Contains("=> ../", StringComparison.Ordinal)))
        {
            return (null, true);
        }

        return (Tools.NixHashPath(Path.Combine(dir, "vendor")), false);
    }
}
