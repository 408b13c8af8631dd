using NixGen.Planning;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// The honest gate: nixgen.lock keys a hash on the Go vendoring format (<see cref="GoToolchain.VendorFormatOf"/>), not
/// on the series, because Go 1.21 to 1.26 vendor byte-identical trees. Checked here with every Go series the
/// set-up installs: their trees agree where the table says so, and a repository hashed with one is `check`-clean
/// under the others, with a byte-identical lock.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VendorFormatSpecs
{
    private static readonly string[] Series = ["1.23", "1.24", "1.25", "1.26"];

    private static string GoOf(string series) => Path.Combine(Repo.GoBin(series) ?? throw new InvalidOperationException($"Go {series} is not installed: run scripts/setup.sh"), "go");

    [Theory]
    [InlineData("1.20.14", "go1.20")]
    [InlineData("1.21.0", "go1.21")]
    [InlineData("1.23.5", "go1.21")]
    [InlineData("1.25.12", "go1.21")]
    [InlineData("1.26.11", "go1.21")]
    [InlineData("1.26rc1", "go1.21")]
    [InlineData("1.27.0", "go1.27")]
    public void A_go_release_has_the_vendoring_format_of_its_series_run(string release, string format) =>
        Assert.Equal(format, GoToolchain.VendorFormatOf("go" + release));

    [Theory]
    [InlineData("unknown")]
    [InlineData("nixpkgs Go >= 1.22 (flake.lock absent)")]
    [InlineData("go1.99999999999999999999")]
    public void What_is_not_a_go_release_is_its_own_format(string identity) =>
        Assert.Equal(identity, GoToolchain.VendorFormatOf(identity));

    [Fact]
    public void Every_installed_go_series_of_one_vendoring_format_vendors_identical_trees()
    {
        using var dir = new TempDir();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var series in Series)
        {
            var repo = Path.Combine(dir.Path, series, "repo");
            Repo.CopyTree(Repo.Example, repo);
            foreach (var service in new[] { "orders", "inventory" })
            {
                var modRoot = Path.Combine(repo, "services", service);
                var env = new Dictionary<string, string>
                {
                    ["GOPROXY"] = "file://" + Path.Combine(repo, "third_party", "goproxy"),
                    ["GOSUMDB"] = "off",
                    ["GOFLAGS"] = "-mod=mod",
                    ["GOWORK"] = "off",
                    ["GOTOOLCHAIN"] = "local",
                    ["GOMODCACHE"] = Path.Combine(dir.Path, series, "modcache"),
                    ["GOCACHE"] = Path.Combine(dir.Path, series, "cache"),
                };
                var (exit, _, stderr) = Tools.Run(GoOf(series), modRoot, env, "mod", "vendor");
                Assert.True(exit == 0, $"go {series} mod vendor in {service}: {stderr}");
                hashes[series + " " + service] = Tools.NixHashPath(Path.Combine(modRoot, "vendor"));
            }
        }

        foreach (var group in Series.GroupBy(s => GoToolchain.VendorFormatOf("go" + s + ".0")))
        {
            foreach (var service in new[] { "orders", "inventory" })
            {
                var distinct = group.Select(s => hashes[s + " " + service]).Distinct().ToList();
                Assert.True(distinct.Count == 1, $"{service}: Go {string.Join(", ", group)} share the format {group.Key} but vendor {string.Join(" / ", distinct)}");
            }
        }

        // Not vacuous: every installed series is in the one measured format.
        Assert.Single(Series.Select(s => GoToolchain.VendorFormatOf("go" + s + ".0")).Distinct());
    }

    [Theory]
    [InlineData("1.26", "1.25", "1.24")]
    [InlineData("1.24", "1.25", "1.26")]
    public async Task A_repository_hashed_with_one_go_series_is_check_clean_under_the_others(string writer, string checker1, string checker2)
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example, "nixgen.lock");
        var env = Nixgen.ExampleEnv(dir.Path);
        env["NIXGEN_GO"] = GoOf(writer);

        var update = await InProcessCli.RunAsync(repo, env, "update");
        Assert.True(update.Exit == 0, update.ToString());
        var written = File.ReadAllText(Path.Combine(repo, "nixgen.lock"));

        foreach (var checker in new[] { checker1, checker2 })
        {
            env["NIXGEN_GO"] = GoOf(checker);
            var check = await InProcessCli.RunAsync(repo, env, "check");
            Assert.True(check.Exit == 0, $"written with Go {writer}, checked with Go {checker}:\n{check}");
            Assert.Equal(written, File.ReadAllText(Path.Combine(repo, "nixgen.lock")));
        }

        // Byte-stable across developers: the lock Go 1.26 writes from scratch is the one this Go wrote.
        using var other = new TempDir();
        var fresh = Repo.CopyRepo(other, Repo.Example, "nixgen.lock");
        var otherEnv = Nixgen.ExampleEnv(other.Path);
        otherEnv["NIXGEN_GO"] = GoOf(writer == "1.26" ? "1.25" : "1.26");
        Assert.Equal(0, (await InProcessCli.RunAsync(fresh, otherEnv, "update")).Exit);
        Assert.Equal(written, File.ReadAllText(Path.Combine(fresh, "nixgen.lock")));
    }
}
