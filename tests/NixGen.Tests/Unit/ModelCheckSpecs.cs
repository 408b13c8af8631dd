using NixGen.Config;
using NixGen.Discovery;
using NixGen.Rendering;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

/// <summary>
/// <see cref="ModelCheck.Validate"/>: the checks of nixgen.yaml against the repository that the flake's model needs,
/// on a scanned repository and a configuration alone (no hash, no process), so a run can refuse before hashing.
/// </summary>
public sealed class ModelCheckSpecs
{
    private static void Service(string root, string dir, string module, params string[] mains)
    {
        InProcess.WriteFile(root, $"{dir}/go.mod", $"module {module}\n\ngo 1.22\n");
        foreach (var main in mains.DefaultIfEmpty("."))
        {
            InProcess.WriteFile(root, main == "." ? $"{dir}/main.go" : $"{dir}/{main}/main.go", "package main\n\nfunc main() {}\n");
        }
    }

    private static Repository Scan(string root, NixGenConfig config) =>
        RepoScanner.Scan(root, config.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal));

    private static string Refusal(string root, string yaml)
    {
        var config = ConfigLoader.FromText("nixgen.yaml", yaml);
        return Assert.Throws<ConfigException>(() => ModelCheck.Validate(Scan(root, config), config)).Message;
    }

    [Fact]
    public void A_valid_configuration_passes()
    {
        using var dir = new TempDir();
        Service(dir.Path, "api", "example.com/x/api");
        Service(dir.Path, "shop", "example.com/x/shop", "cmd/web", "cmd/worker");
        var config = ConfigLoader.FromText("nixgen.yaml", "default: api\ncross: [linux/arm64]\nservices:\n  shop:\n    binaries: separate\n    mainProgram: web\n");
        ModelCheck.Validate(Scan(dir.Path, config), config);
    }

    [Fact]
    public void A_default_naming_no_service_is_refused_with_its_line()
    {
        using var dir = new TempDir();
        Service(dir.Path, "api", "example.com/x/api");
        Assert.Equal("nixgen.yaml:1:10: default: no service is named \"nope\" (services: api)", Refusal(dir.Path, "default: nope\n"));
    }

    [Fact]
    public void A_main_program_the_service_does_not_build_is_refused_with_its_line()
    {
        using var dir = new TempDir();
        Service(dir.Path, "shop", "example.com/x/shop", "cmd/web", "cmd/worker");
        Assert.Equal(
            "nixgen.yaml:3:18: services.shop.mainProgram: the service has no binary \"api\" (it builds web, worker)",
            Refusal(dir.Path, "services:\n  shop:\n    mainProgram: api\n"));
    }

    [Fact]
    public void Two_packages_with_one_name_are_refused_where_the_name_comes_from()
    {
        using var dir = new TempDir();
        Service(dir.Path, "api", "example.com/x/api");
        Service(dir.Path, "tools/api-linux-arm64", "example.com/x/tools");
        Assert.StartsWith("tools/api-linux-arm64/go.mod: package name \"api-linux-arm64\" would be both", Refusal(dir.Path, "cross: [linux/arm64]\n"), StringComparison.Ordinal);

        // A service built as a package per binary, and another service named like one of its packages.
        using var other = new TempDir();
        Service(other.Path, "shop", "example.com/x/shop", "cmd/web", "cmd/worker");
        Service(other.Path, "web", "example.com/x/web");
        Assert.StartsWith(
            "nixgen.yaml:6:11: package name \"shop-web\" would be both",
            Refusal(other.Path, "services:\n  shop:\n    binaries: separate\n    mainProgram: web\n  web:\n    name: shop-web\n"),
            StringComparison.Ordinal);
    }
}
