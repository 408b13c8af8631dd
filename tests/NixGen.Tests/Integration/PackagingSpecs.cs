using System.IO.Compression;
using System.Xml.Linq;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>The dotnet tool package: metadata, and that it installs and runs from a local package folder.</summary>
[Trait("Category", "Integration")]
public sealed class PackagingSpecs
{
    [Fact]
    public void The_tool_package_installs_from_a_local_folder_and_runs_init_on_the_example()
    {
        using var dir = new TempDir();
        var packages = Path.Combine(dir.Path, "packages");
        var pack = Tools.Run("dotnet", Repo.Root, null, "pack", "src/NixGen", "-c", "Release", "-o", packages, "--nologo", "-p:NuGetAudit=false");
        Assert.True(pack.Exit == 0, pack.Out + pack.Err);
        // The pointer package `dotnet tool install` reads first, and one ReadyToRun package per platform.
        var nupkg = Path.Combine(packages, "NixGen." + NixgenVersion(packages) + ".nupkg");
        Assert.Equal(
            ["NixGen.linux-arm64", "NixGen.linux-x64", "NixGen.osx-arm64", "NixGen.osx-x64"],
            Directory.GetFiles(packages, "NixGen.*.nupkg").Select(Path.GetFileName).Where(f => f != Path.GetFileName(nupkg)).Select(f => f![..f!.IndexOf(".0.", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        using (var linux = ZipFile.OpenRead(Directory.GetFiles(packages, "NixGen.linux-x64.*.nupkg").Single()))
        {
            var dll = linux.Entries.Single(e => e.Name == "nixgen.dll");
            Assert.StartsWith("tools/net10.0/linux-x64/", dll.FullName, StringComparison.Ordinal);
            using var stream = dll.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
            // A ReadyToRun image carries a managed native header.
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "nixgen.dll of the linux-x64 package is not ReadyToRun");
        }

        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var nuspec = XDocument.Load(zip.GetEntry("NixGen.nuspec")!.Open());
            string? Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal("NixGen", Meta("id"));
            Assert.Matches(@"^\d+\.\d+\.\d+", Meta("version"));
            Assert.Equal("MIT", Meta("license"));
            Assert.Equal("README.md", Meta("readme"));
            Assert.Contains("vendorHash", Meta("description"), StringComparison.Ordinal);
            Assert.NotNull(nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url"));
            Assert.NotNull(zip.GetEntry("README.md"));
        }

        // Only the local folder as a source: the package must carry everything it needs.
        var config = dir.Write("nuget.config", $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>\n");
        var tools = Path.Combine(dir.Path, "tools");
        var install = Tools.Run("dotnet", dir.Path, null, "tool", "install", "NixGen", "--tool-path", tools, "--configfile", config);
        Assert.True(install.Exit == 0, install.Out + install.Err);
        var nixgen = Path.Combine(tools, "nixgen");

        var version = Tools.Run(nixgen, dir.Path, null, "--version");
        Assert.True(version.Exit == 0, version.Err);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);

        var repo = Path.Combine(dir.Path, "repo");
        Repo.CopyTree(Repo.Example, repo);
        File.Delete(Path.Combine(repo, "flake.nix"));
        File.Delete(Path.Combine(repo, "nixgen.lock"));
        var env = Nixgen.ExampleEnv(dir.Path).Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        env["NO_COLOR"] = "1";
        var init = Tools.Run(nixgen, repo, env, "init");
        Assert.True(init.Exit == 0, init.Out + init.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Example, "flake.nix")), File.ReadAllText(Path.Combine(repo, "flake.nix")));
    }

    [Fact]
    public void The_flake_s_nuget_deps_pin_exactly_the_packages_of_the_lock_file()
    {
        var lockFile = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "src", "NixGen", "packages.lock.json")))!;
        var locked = lockFile["dependencies"]!.AsObject()
            .SelectMany(f => f.Value!.AsObject().Select(p => $"{p.Key.ToLowerInvariant()}@{(string?)p.Value!["resolved"]}"))
            .ToHashSet(StringComparer.Ordinal);
        var deps = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "nix", "deps.json")))!.AsArray();
        Assert.Equal(locked.Order(StringComparer.Ordinal), deps.Select(d => $"{((string?)d!["pname"])!.ToLowerInvariant()}@{(string?)d["version"]}").Order(StringComparer.Ordinal));
        Assert.All(deps, d => Assert.Matches("^sha256-[A-Za-z0-9+/]{43}=$", (string?)d!["hash"]));
        Assert.Contains("nugetDeps = ./nix/deps.json;", File.ReadAllText(Path.Combine(Repo.Root, "flake.nix")), StringComparison.Ordinal);
    }

    private static string NixgenVersion(string packages) =>
        Path.GetFileName(Directory.GetFiles(packages, "NixGen.linux-x64.*.nupkg").Single())["NixGen.linux-x64.".Length..^".nupkg".Length];
}
