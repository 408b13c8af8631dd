using NixGen.Config;
using NixGen.Discovery;
using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Planning;
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
    public static TheoryData<string> Cases() => [.. CaseNames()];

    /// <summary>The case folders under tests/snapshots (those with an <c>input/</c>).</summary>
    internal static IEnumerable<string> CaseNames() =>
        Directory.EnumerateDirectories(Repo.Snapshots).Where(d => Directory.Exists(Path.Combine(d, "input"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Fact]
    public void Every_case_the_issue_names_is_present() =>
        Assert.Superset(
            new HashSet<string>(["010-minimal", "020-all-options", "030-cross", "040-images", "050-caches", "060-proxy-vendor", "070-null-hash", "080-go-work", "090-template-override", "100-hostile-strings"]),
            Directory.EnumerateDirectories(Repo.Snapshots).Select(Path.GetFileName).OfType<string>().ToHashSet());

    /// <summary>Renders a case's files from its input copied to <paramref name="root"/>, with the hashes of hashes.txt.</summary>
    internal static SortedDictionary<string, string> Render(string caseDir, string root)
    {
        var config = ConfigLoader.Load(Path.Combine(root, "nixgen.yaml"));
        var repo = RepoScanner.Scan(root, config.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal));
        var hashes = Hashes(caseDir);
        var results = repo.Services.ToDictionary(
            s => s.Name,
            s => VendorShortcuts.Classify(s) ?? new VendorResult(hashes.TryGetValue(s.Name, out var h) ? h : throw new InvalidOperationException($"{caseDir}: hashes.txt has no {s.Name}"), false, "from hashes.txt"),
            StringComparer.Ordinal);
        return Generator.RenderAll(repo, config, results);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_flake_matches_its_snapshot_parses_and_is_stable(string name)
    {
        var caseDir = Path.Combine(Repo.Snapshots, name);
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "repo");
        Repo.CopyTree(Path.Combine(caseDir, "input"), root);
        var expectedError = Path.Combine(caseDir, "expected-error.txt");

        SortedDictionary<string, string> RenderAll() => Render(caseDir, root);

        string RenderFlake() => RenderAll()["flake.nix"];

        if (File.Exists(expectedError))
        {
            var e = Assert.ThrowsAny<Exception>(RenderFlake);
            Assert.IsType<TemplateException>(e);
            Assert.Equal(File.ReadAllText(expectedError).Trim(), e.Message);
            return;
        }

        var flake = RenderFlake();
        Assert.Equal(flake, RenderFlake());
        Assert.DoesNotContain("\r", flake, StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", flake, StringComparison.Ordinal);
        Snapshot.Verify(caseDir, "flake", "nix", flake);
        var flakeFile = dir.Write("flake.nix", flake);
        Tools.AssertNixParses(flakeFile);
        if (name != "100-hostile-strings")
        {
            // nixfmt's limit: a longer line is rewritten by `nix fmt`, and `nixgen check` would then call the file stale.
            Assert.All(flake.Split('\n'), l => Assert.True(l.Length <= 100, $"{name}: line over 100 columns: {l}"));
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

    private static Dictionary<string, string> Hashes(string caseDir)
    {
        var file = Path.Combine(caseDir, "hashes.txt");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : [];
    }
}
