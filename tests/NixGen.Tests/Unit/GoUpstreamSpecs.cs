using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// `goSource: upstream`: a go.mod that asks for a newer patch release than nixpkgs ships builds that release from
/// go.dev's source, at the sha256 go.dev publishes, recorded once in nixgen.lock (evaluated through the release models
/// by ReleaseSpecs with snapshot case 180-go-upstream).
/// </summary>
public sealed class GoUpstreamSpecs
{
    private const string Hex = "4e39b98e42f946fa05ac8bc5b71877df97dbdb7cbb1a777b54167a5e7175fd2e";

    private static string Repo(TempDir dir, string goLine = "1.26.5")
    {
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", $"module example.com/edge\n\ngo {goLine}\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nfunc main() {}\n");
        InProcess.WriteFile(repo, "nixgen.yaml", "goSource: upstream\n");
        dir.Write("dl.json", $$"""
            [{"version": "go1.26.5", "stable": true, "files": [
              {"filename": "go1.26.5.src.tar.gz", "os": "", "arch": "", "version": "go1.26.5", "sha256": "{{Hex}}", "size": 1, "kind": "source"},
              {"filename": "go1.26.5.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.26.5", "sha256": "00", "size": 1, "kind": "archive"}]}]
            """);
        return repo;
    }

    private static Dictionary<string, string?> Env(TempDir dir, string downloads) => new()
    {
        ["GOPROXY"] = "off",
        ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache"),
        ["NIXGEN_GO_DOWNLOADS"] = downloads,
    };

    [Fact]
    public async Task The_hash_go_dev_publishes_is_recorded_once_and_rendered_for_the_exact_release()
    {
        using var dir = new TempDir();
        var repo = Repo(dir);

        var init = await InProcessCli.RunAsync(repo, Env(dir, "file://" + Path.Combine(dir.Path, "dl.json")), "init");

        Assert.True(init.Exit == 0, init.ToString());
        var sri = "sha256-" + Convert.ToBase64String(Convert.FromHexString(Hex));
        Assert.Contains($"\"1.26.5\": \"{sri}\"", File.ReadAllText(Path.Combine(repo, "nixgen.lock")), StringComparison.Ordinal);
        var flake = File.ReadAllText(Path.Combine(repo, "flake.nix"));
        Assert.Contains($"hash = \"{sri}\";", flake, StringComparison.Ordinal);
        Assert.Contains("url = \"https://go.dev/dl/go${upstreamGo.${wanted}.version}.src.tar.gz\";", flake, StringComparison.Ordinal);

        // Recorded: later runs (CI's check) never ask go.dev again.
        var check = await InProcessCli.RunAsync(repo, Env(dir, "file:///nonexistent/dl.json"), "check");
        Assert.True(check.Exit == 0, check.ToString());
    }

    [Fact]
    public async Task A_release_go_dev_does_not_list_is_a_tool_failure_naming_the_file()
    {
        using var dir = new TempDir();
        var repo = Repo(dir, "1.26.6");

        var init = await InProcessCli.RunAsync(repo, Env(dir, "file://" + Path.Combine(dir.Path, "dl.json")), "init");

        Assert.Equal(3, init.Exit);
        Assert.Contains("has no go1.26.6.src.tar.gz with a sha256", init.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo, "flake.nix")));
    }

    [Theory]
    [InlineData("\"sha256-x'; rm -rf /; '\"")]
    [InlineData("42")]
    [InlineData("\"sha256-Tjm5jkL5RvoFrIvFtxh335fb23y7Gnd7VBZnrXEX/S4=\\n\"")]
    public async Task A_recorded_hash_that_is_not_an_SRI_sha256_is_refused(string value)
    {
        using var dir = new TempDir();
        var repo = Repo(dir);
        InProcess.WriteFile(repo, "nixgen.lock", $"{{\"goSources\": {{\"1.26.5\": {value}}}, \"services\": {{}}, \"trees\": {{}}, \"version\": 1}}\n");

        var update = await InProcessCli.RunAsync(repo, Env(dir, "file://" + Path.Combine(dir.Path, "dl.json")), "update");

        Assert.Equal(2, update.Exit);
        Assert.Contains("nixgen.lock: goSources: \"1.26.5\" must map a Go release to an SRI sha256", update.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo, "flake.nix")));
    }

    [Fact]
    public async Task Another_value_of_goSource_is_refused_with_its_position()
    {
        using var dir = new TempDir();
        var repo = Repo(dir);
        InProcess.WriteFile(repo, "nixgen.yaml", "description: x\ngoSource: go.dev\n");

        var update = await InProcessCli.RunAsync(repo, Env(dir, "off"), "update");

        Assert.Equal(2, update.Exit);
        Assert.Contains("nixgen.yaml:2:11: goSource: \"go.dev\" is not one of: nixpkgs, upstream", update.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_force_and_check_verify_ask_go_dev_again_instead_of_trusting_the_lock()
    {
        using var dir = new TempDir();
        var repo = Repo(dir);
        var env = Env(dir, "file://" + Path.Combine(dir.Path, "dl.json"));
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "init")).Exit);
        var sri = "sha256-" + Convert.ToBase64String(Convert.FromHexString(Hex));
        var lockPath = Path.Combine(repo, "nixgen.lock");
        const string forged = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        File.WriteAllText(lockPath, File.ReadAllText(lockPath).Replace(sri, forged, StringComparison.Ordinal));
        var flake = Path.Combine(repo, "flake.nix");
        File.WriteAllText(flake, File.ReadAllText(flake).Replace(sri, forged, StringComparison.Ordinal));

        // Plain check trusts the recorded hash (it asks nobody); --verify does not.
        Assert.Equal(1, (await InProcessCli.RunAsync(repo, env, "check", "--verify")).Exit);
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, env, "update", "--force")).Exit);

        Assert.Contains(sri, File.ReadAllText(lockPath), StringComparison.Ordinal);
        Assert.DoesNotContain(forged, File.ReadAllText(flake), StringComparison.Ordinal);
    }
}
