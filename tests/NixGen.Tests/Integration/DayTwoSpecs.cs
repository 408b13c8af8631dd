using NixGen.Discovery;
using NixGen.Fixtures;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>Day-2 checks with the real go and the built nixgen: stale committed vendor/, deep verification, the root.</summary>
[Trait("Category", "Integration")]
public sealed class DayTwoSpecs
{
    private static (string Repo, GoProxyBuilder Proxy) VendoredRepo(TempDir dir)
    {
        var proxy = new GoProxyBuilder(Path.Combine(dir.Path, "proxy"));
        foreach (var v in new[] { "v1.2.0", "v1.3.0" })
        {
            proxy.Publish("example.org/text", v, new Dictionary<string, string>
            {
                ["go.mod"] = "module example.org/text\n\ngo 1.21\n",
                ["text.go"] = $"// Package text shouts.\npackage text\n\n// Version is {v}.\nconst Version = \"{v}\"\n",
            });
        }

        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "libs/lib/go.mod", "module example.com/v/libs/lib\n\ngo 1.21\n");
        InProcess.WriteFile(repo, "libs/lib/lib.go", "// Package lib is local.\npackage lib\n\n// Name is a name.\nconst Name = \"lib\"\n");
        InProcess.WriteFile(repo, "svc/go.mod",
            "module example.com/v/svc\n\ngo 1.21\n\nrequire (\n\texample.com/v/libs/lib v0.0.0\n\texample.org/text v1.2.0\n)\n\nreplace example.com/v/libs/lib => ../libs/lib\n");
        InProcess.WriteFile(repo, "svc/go.sum", string.Concat(proxy.SumLines("example.org/text", "v1.2.0").Concat(proxy.SumLines("example.org/text", "v1.3.0")).Select(l => l + "\n")));
        InProcess.WriteFile(repo, "svc/main.go", "// Command svc prints.\npackage main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/v/libs/lib\"\n\t\"example.org/text\"\n)\n\nfunc main() { fmt.Println(lib.Name, text.Version) }\n");
        var (exit, _, err) = Tools.Run("go", Path.Combine(repo, "svc"), Independent.GoEnv(proxy.Url, Path.Combine(dir.Path, "mc")), "mod", "vendor");
        Assert.True(exit == 0, err);
        return (repo, proxy);
    }

    public static TheoryData<string> VendorMutations => new()
    {
        "none", "bump a requirement", "drop the replace", "add a requirement", "drop an explicit mark", "move the replace",
    };

    [Theory]
    [MemberData(nameof(VendorMutations))]
    public void A_committed_vendor_dir_is_judged_consistent_exactly_when_go_builds_with_it(string mutation)
    {
        using var dir = new TempDir();
        var (repo, proxy) = VendoredRepo(dir);
        var goMod = Path.Combine(repo, "svc", "go.mod");
        var modulesTxt = Path.Combine(repo, "svc", "vendor", "modules.txt");
        void Edit(string file, string from, string to)
        {
            var text = File.ReadAllText(file);
            Assert.Contains(from, text, StringComparison.Ordinal);
            File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
        }

        switch (mutation)
        {
            case "bump a requirement": Edit(goMod, "example.org/text v1.2.0", "example.org/text v1.3.0"); break;
            case "drop the replace": Edit(goMod, "replace example.com/v/libs/lib => ../libs/lib\n", ""); break;
            case "add a requirement": Edit(goMod, "\texample.org/text v1.2.0\n", "\texample.org/text v1.2.0\n\texample.org/more v1.0.0\n"); break;
            case "drop an explicit mark": Edit(modulesTxt, "# example.org/text v1.2.0\n## explicit; go 1.21\n", "# example.org/text v1.2.0\n## go 1.21\n"); break;
            case "move the replace":
                Tools.Run("cp", repo, null, "-r", Path.Combine(repo, "libs", "lib"), Path.Combine(repo, "libs", "lib2"));
                Edit(goMod, "=> ../libs/lib\n", "=> ../libs/lib2\n");
                break;
        }

        var (exit, _, goErr) = Tools.Run("go", Path.Combine(repo, "svc"), Independent.GoEnv("off", Path.Combine(dir.Path, "mc")), "list", "-mod=vendor", "./...");
        var goAccepts = exit == 0;
        Assert.True(goAccepts || goErr.Contains("inconsistent vendoring", StringComparison.Ordinal), goErr);
        var nixgen = Record.Exception(() => RepoScanner.Scan(repo));

        Assert.Equal(goAccepts, nixgen is null);
        if (nixgen is not null)
        {
            Assert.IsType<RepoException>(nixgen);
            Assert.StartsWith("svc/vendor/modules.txt:", nixgen.Message, StringComparison.Ordinal);
            Assert.Contains("run `go mod vendor` in svc and commit vendor/", nixgen.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_verify_rehashes_from_scratch_and_catches_a_hand_edited_hash()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var env = Nixgen.ExampleEnv(dir.Path);
        const string real = "sha256-pSAqcCXf392Vh9uFVf0wczOFcEihbxUMT24XfPiHAvE=";
        const string edited = "sha256-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=";
        foreach (var file in new[] { "flake.nix", "nixgen.lock", "nix/go-sbom.json" })
        {
            var path = Path.Combine(repo, file);
            var text = File.ReadAllText(path);
            Assert.Contains(real, text, StringComparison.Ordinal);
            File.WriteAllText(path, text.Replace(real, edited, StringComparison.Ordinal));
        }

        // The lock is trusted by a normal check (its inputs did not change)...
        var check = Nixgen.Run(repo, env, "check");
        Assert.True(check.Exit == 0, check.ToString());

        // ...but not by a deep one.
        var deep = Nixgen.Run(repo, env, "check", "--verify");
        Assert.True(deep.Exit == 1, deep.ToString());
        Assert.Contains($"stale: inventory: nixgen.lock says {edited}, re-hashed from scratch: {real}", deep.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("stale: orders", deep.Out, StringComparison.Ordinal);

        Assert.True(Nixgen.Run(repo, env, "update", "--force").Exit == 0);
        var clean = Nixgen.Run(repo, env, "check", "--verify");
        Assert.True(clean.Exit == 0, clean.ToString());
        Assert.Contains("verified: every vendorHash re-computed from scratch matches", clean.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_run_in_a_subdirectory_find_the_repository_and_say_so()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        var run = Nixgen.Run(Path.Combine(repo, "services", "orders"), Nixgen.ExampleEnv(dir.Path), "check");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains($"nixgen: repository root {repo} (the nearest directory with nixgen.yaml)", run.Err, StringComparison.Ordinal);
    }
}
