using NixGen.Config;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Rendering;
using NixGen.Tests.Support;

namespace NixGen.Tests;

/// <summary>
/// One folder per case under tests/snapshots: <c>input/</c> is a repository (go.mod files, nixgen.yaml, template
/// overrides), <c>hashes.txt</c> the vendorHash of each service that fetches (hashing is tested elsewhere, against
/// go and nix), and <c>flake.verified.nix</c> the expected flake, or <c>expected-error.txt</c> the expected message.
/// </summary>
public sealed class SnapshotCaseSpecs
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Repo.Snapshots).Where(d => Directory.Exists(Path.Combine(d, "input"))).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void Every_case_the_issue_names_is_present() =>
        Assert.Superset(
            new HashSet<string>(["010-minimal", "020-all-options", "030-cross", "040-images", "050-caches", "060-proxy-vendor", "070-null-hash", "080-go-work", "090-template-override", "100-hostile-strings"]),
            Directory.EnumerateDirectories(Repo.Snapshots).Select(Path.GetFileName).OfType<string>().ToHashSet());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_flake_matches_its_snapshot_parses_and_is_stable(string name)
    {
        var caseDir = Path.Combine(Repo.Snapshots, name);
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "repo");
        Repo.CopyTree(Path.Combine(caseDir, "input"), root);
        var expectedError = Path.Combine(caseDir, "expected-error.txt");

        SortedDictionary<string, string> RenderAll()
        {
            var config = ConfigLoader.Load(Path.Combine(root, "nixgen.yaml"));
            var repo = RepoScanner.Scan(root, config.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal));
            var hashes = Hashes(caseDir);
            var results = repo.Services.ToDictionary(
                s => s.Name,
                s => VendorShortcuts.Classify(s) ?? new VendorResult(hashes.TryGetValue(s.Name, out var h) ? h : throw new InvalidOperationException($"{name}: hashes.txt has no {s.Name}"), false, "from hashes.txt"),
                StringComparer.Ordinal);
            return Generator.RenderAll(repo, config, results);
        }

        string Render() => RenderAll()["flake.nix"];

        if (File.Exists(expectedError))
        {
            var e = Assert.ThrowsAny<Exception>(Render);
            Assert.IsType<TemplateException>(e);
            Assert.Equal(File.ReadAllText(expectedError).Trim(), e.Message);
            return;
        }

        var flake = Render();
        Assert.Equal(flake, Render());
        Assert.DoesNotContain("\r", flake, StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", flake, StringComparison.Ordinal);
        Snapshot.Verify(caseDir, "flake", "nix", flake);
        var flakeFile = dir.Write("flake.nix", flake);
        Tools.AssertNixParses(flakeFile);
        var config = ConfigLoader.Load(Path.Combine(root, "nixgen.yaml"));
        foreach (var system in config.Systems)
        {
            AssertEvaluates(flakeFile, system, config);
        }

        // CI glue rendered from the same model: snapshot it and check it is valid YAML / JSON.
        foreach (var (file, text) in RenderAll().Where(f => f.Key != "flake.nix"))
        {
            var ext = Path.GetExtension(file).TrimStart('.');
            Snapshot.Verify(caseDir, Path.GetFileNameWithoutExtension(file), ext, text);
            if (ext == "json")
            {
                Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(text));
            }
            else
            {
                var yaml = new YamlDotNet.RepresentationModel.YamlStream();
                yaml.Load(new StringReader(text));
                Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(yaml.Documents[0].RootNode);
            }
        }
    }

    /// <summary>The flake evaluates (against a stub nixpkgs) to the packages, cross builds, apps and checks it promises.</summary>
    internal static System.Text.Json.Nodes.JsonNode AssertEvaluates(string flakeFile, string system, NixGenConfig config)
    {
        var result = Tools.EvalFlake(flakeFile, system, config.DevShellPackages);
        var packages = result["packages"]!.AsObject();
        var names = packages.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(names.Where(n => n != "default").Order(StringComparer.Ordinal), result["checks"]!.AsArray().Select(c => (string)c!));
        Assert.Subset(names, result["apps"]!.AsObject().Select(a => a.Key).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(config.DefaultService is not null || result["apps"]!.AsObject().Count == 1, names.Contains("default"));
        var cgoInEnv = NixGen.Rendering.GoPin.CgoInEnv(config.Nixpkgs);
        foreach (var (name, p) in packages)
        {
            if ((string?)p!["type"] == "stub-image")
            {
                Assert.EndsWith("-image", name, StringComparison.Ordinal);
                Assert.EndsWith("-linux", system, StringComparison.Ordinal);
                continue;
            }

            if ((string?)p["cgo"] != "unset")
            {
                // A template override may leave CGO_ENABLED out; where it is set, it is where buildGoModule wants it.
                Assert.StartsWith(cgoInEnv ? "env:" : "top:", (string?)p["cgo"], StringComparison.Ordinal);
            }
            var cross = config.Cross.FirstOrDefault(t => name.EndsWith($"-{t.GoOs}-{t.GoArch}", StringComparison.Ordinal));
            if (cross is not null)
            {
                Assert.Equal((cross.GoOs, cross.GoArch), ((string?)p["GOOS"], (string?)p["GOARCH"]));
                Assert.False((bool)p["doCheck"]!);
                Assert.True((bool)p["movesCrossBinaries"]!);
                Assert.Equal(cgoInEnv ? "env:0" : "top:0", (string?)p["cgo"]);
            }
            else
            {
                Assert.False((bool)p["movesCrossBinaries"]!);
            }
        }

        return result;
    }

    private static Dictionary<string, string> Hashes(string caseDir)
    {
        var file = Path.Combine(caseDir, "hashes.txt");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : [];
    }
}
