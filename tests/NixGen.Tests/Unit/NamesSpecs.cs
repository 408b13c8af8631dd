using NixGen.Config;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Naming;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>Names built from user data: attribute names quoted whole, derived names sanitized, bad explicit ones refused.</summary>
public sealed class NamesSpecs
{
    private static GoEnvironment Offline(string scratch) => GoEnvironments.Proxy(scratch, "off");

    private static void Service(string root, string dir, string module)
    {
        InProcess.WriteFile(root, $"{dir}/go.mod", $"module {module}\n\ngo 1.22\n");
        InProcess.WriteFile(root, $"{dir}/main.go", "package main\n\nfunc main() {}\n");
    }

    [Fact]
    public async Task Names_that_are_not_nix_identifiers_are_quoted_whole_in_every_attribute_and_yaml_value()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "cmd/2fa", "example.com/x/cmd/2fa");
        Service(repo, "cmd/api.v2", "example.com/x/cmd/api.v2");
        InProcess.WriteFile(repo, "nixgen.yaml", "cross: [linux/arm64]\nci:\n  provider: github\nservices:\n  cmd/api.v2:\n    image: {}\n");

        var result = await InProcess.GenerateAsync(repo, Offline(dir.Path));
        var flake = result.Files["flake.nix"];

        Assert.Contains("\"2fa\" = buildGoModuleWith { } {", flake, StringComparison.Ordinal);
        Assert.Contains("\"2fa-linux-arm64\" = linux-arm64.\"2fa\";", flake, StringComparison.Ordinal);
        Assert.Contains("\"api.v2-linux-arm64\" = linux-arm64.\"api.v2\";", flake, StringComparison.Ordinal);
        Assert.Contains("\"api.v2-image\" = pkgs.dockerTools.buildLayeredImage {", flake, StringComparison.Ordinal);
        Assert.Contains("name = \"api-v2\";", flake, StringComparison.Ordinal);

        var packages = Workflow.Jobs(result.Files[".github/workflows/nix.yml"]).Select(j => j.Package).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["2fa", "2fa-linux-arm64", "api.v2", "api.v2-image", "api.v2-linux-arm64"], packages);
        Assert.Contains("'.#\"${{ matrix.package }}\"'", result.Files[".github/workflows/nix.yml"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_name_nix_would_reject_gives_a_clean_name_and_init_writes_a_config_it_accepts()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "services/we ird${x}\"q", "example.com/x/weird");

        var init = await InProcess.UpdateAsync(repo, Offline(dir.Path));

        Assert.Equal("we-ird-x-q", Assert.Single(init.Services).Name);
        var config = ConfigLoader.Load(Path.Combine(repo, "nixgen.yaml"));
        Assert.Equal("we-ird-x-q", config.Services["services/we ird${x}\"q"].Name);
        var again = await InProcess.GenerateAsync(repo, Offline(dir.Path));
        Assert.Empty(InProcess.Stale(repo, again));
        Assert.Contains("(./. + \"/services/we ird\\${x}\\\"q\")", again.Files["flake.nix"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("services:\n  svc:\n    name: \"my app\"\n", "nixgen.yaml:3:11: services.svc.name: \"my app\" is not a package name")]
    [InlineData("services:\n  svc:\n    name: default\n", "nixgen.yaml:3:11: services.svc.name: \"default\" is reserved")]
    [InlineData("services:\n  svc:\n    image:\n      name: Bad/Name\n", "nixgen.yaml:4:13: services.svc.image.name: \"Bad/Name\" is not an OCI image name")]
    [InlineData("services:\n  svc:\n    image:\n      tag: \"t${x}\"\n", "nixgen.yaml:4:12: services.svc.image.tag: \"t${x}\" is not an OCI tag")]
    [InlineData("version: \"1.0-${evil}\"\n", "nixgen.yaml:1:10: version: \"1.0-${evil}\" is not a package version")]
    [InlineData("systems: [x86-linux]\n", "nixgen.yaml:1:11: systems: \"x86-linux\" is not a system nixpkgs builds flakes for")]
    [InlineData("overlay: \"my pkgs\"\n", "nixgen.yaml:1:10: overlay: \"my pkgs\" is not a Nix identifier")]
    public void Names_and_values_nix_or_oci_would_reject_are_errors_with_line_and_column(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.FromText("nixgen.yaml", yaml));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_directory_named_default_is_refused_with_the_fix()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "services/default", "example.com/x/default");
        var e = Assert.Throws<RepoException>(() => RepoScanner.Scan(repo));
        Assert.Equal(
            "services/default/go.mod: the service in services/default would be named after its directory, but \"default\" is reserved (packages.default is the flake's default package; choose another name): set `name:` under services: services/default: in nixgen.yaml",
            e.Message);
    }

    [Fact]
    public async Task Two_packages_with_one_name_are_refused()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "api", "example.com/x/api");
        Service(repo, "tools/api-linux-arm64", "example.com/x/tools");
        InProcess.WriteFile(repo, "nixgen.yaml", "cross: [linux/arm64]\n");
        var e = await Assert.ThrowsAsync<ConfigException>(() => InProcess.GenerateAsync(repo, Offline(dir.Path)));
        Assert.StartsWith("tools/api-linux-arm64/go.mod: package name \"api-linux-arm64\" would be both", e.Message, StringComparison.Ordinal);

        // Named in nixgen.yaml: the error points at that name.
        InProcess.WriteFile(repo, "nixgen.yaml", "cross: [linux/arm64]\nservices:\n  tools/api-linux-arm64:\n    name: api-linux-arm64\n");
        e = await Assert.ThrowsAsync<ConfigException>(() => InProcess.GenerateAsync(repo, Offline(dir.Path)));
        Assert.StartsWith("nixgen.yaml:4:11: package name \"api-linux-arm64\" would be both", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we ird${x}\"q", "we-ird-x-q")]
    [InlineData("2fa", "2fa")]
    [InlineData(".hidden-", "hidden")]
    [InlineData("日本", "service")]
    [InlineData("api.v2", "api.v2")]
    public void Directory_names_become_package_names(string directory, string name)
    {
        Assert.Equal(name, PackageNames.FromDirectory(directory));
        Assert.Null(PackageNames.Problem(name));
    }

    [Theory]
    // cmd/go's TestPkgDefaultExecName (module mode), and what `go install` of each built here.
    [InlineData("example.com/mycmd", "mycmd")]
    [InlineData("example.com/mycmd/v0", "v0")]
    [InlineData("example.com/mycmd/v1", "v1")]
    [InlineData("example.com/mycmd/v2", "mycmd")]
    [InlineData("mycmd/v2", "mycmd")]
    [InlineData("v2", "v2")]
    [InlineData("github.com/direnv/direnv/v2", "direnv")]
    [InlineData("example.com/tool/v10/cmd/gen", "gen")]
    [InlineData("example.com/tool/v05", "v05")]
    [InlineData("gopkg.in/foo.v3", "foo.v3")]
    [InlineData("gopkg.in/foo.v3/cmd/v2", "cmd")]
    public void Binaries_are_named_as_go_install_names_them(string importPath, string binary) =>
        Assert.Equal(binary, PackageNames.Binary(importPath));

    [Fact]
    public async Task A_root_module_with_a_major_version_suffix_is_named_after_its_binary_everywhere()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        InProcess.WriteFile(repo, "go.mod", "module github.com/direnv/direnv/v2\n\ngo 1.22\n");
        InProcess.WriteFile(repo, "main.go", "package main\n\nfunc main() {}\n");
        Service(repo, "tools/v3", "example.com/gen/v3");

        var result = await InProcess.GenerateAsync(repo, Offline(dir.Path));
        var flake = result.Files["flake.nix"];

        Assert.Equal(["direnv", "gen"], result.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Contains("direnv = buildGoModuleWith { } {", flake, StringComparison.Ordinal);
        Assert.Contains("pname = \"direnv\";", flake, StringComparison.Ordinal);
        Assert.Contains("mainProgram = \"direnv\";", flake, StringComparison.Ordinal);
        Assert.Contains("mainProgram = \"gen\";", flake, StringComparison.Ordinal);
        Assert.DoesNotContain("\"v2\"", flake, StringComparison.Ordinal);
        Assert.DoesNotContain("\"v3\"", flake, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain/path-1.2", "plain/path-1.2")]
    [InlineData("2fa", "\"2fa\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("we ird${x}\"q", "\"we ird${x}\\\"q\"")]
    public void Yaml_scalars_read_back_as_the_same_string(string value, string scalar)
    {
        Assert.Equal(scalar, YamlScalar.Of(value));
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader("k: " + scalar + "\n"));
        Assert.Equal(value, ((YamlDotNet.RepresentationModel.YamlScalarNode)yaml.Documents[0].RootNode["k"]).Value);
    }

    [Fact]
    public async Task Changing_only_the_nixpkgs_release_changes_only_the_flakes_input()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        Service(repo, "svc", "example.com/x/svc");
        InProcess.WriteFile(repo, "svc/native.go", "package main\n\n// int one(void) { return 1; }\nimport \"C\"\n");
        var flakes = new List<string>();
        foreach (var nixpkgs in new[] { "nixos-24.11", "nixos-25.11", "nixos-unstable", "0123456789abcdef0123456789abcdef01234567" })
        {
            InProcess.WriteFile(repo, "nixgen.yaml", $"nixpkgs: github:NixOS/nixpkgs/{nixpkgs}\ncross: [linux/arm64]\n");
            flakes.Add((await InProcess.GenerateAsync(repo, Offline(dir.Path))).Files["flake.nix"]);
        }

        foreach (var other in flakes.Skip(1))
        {
            var differing = flakes[0].Split('\n').Zip(other.Split('\n')).Where(p => p.First != p.Second).ToList();
            var line = Assert.Single(differing);
            Assert.StartsWith("  inputs.nixpkgs.url = \"github:NixOS/nixpkgs/", line.Second, StringComparison.Ordinal);
        }
    }
}
