using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Processes;
using NixGen.Rendering;
using NixGen.Tests.Support;

namespace NixGen.Tests.Unit;

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
    public void Every_case_folder_is_a_whole_case_and_holds_no_received_file() =>
        Assert.All(Directory.EnumerateDirectories(Repo.Snapshots).Where(d => Path.GetFileName(d) != "cli"), d =>
        {
            var name = Path.GetFileName(d);
            Assert.True(Directory.Exists(Path.Combine(d, "input")), $"{name}: no input/");
            Assert.True(File.Exists(Path.Combine(d, "expected-error.txt")) || Directory.EnumerateFiles(d, "*.verified.*").Any(), $"{name}: nothing expected");
            Assert.Empty(Directory.EnumerateFiles(d, "*.received.*", SearchOption.AllDirectories));
            Assert.Matches("^[0-9]{3}-[a-z0-9-]+$", name);
        });

    [Fact]
    public void Every_case_the_issue_names_is_present() =>
        Assert.Superset(
            new HashSet<string>(["010-minimal", "020-all-options", "030-cross", "040-images", "050-caches", "060-proxy-vendor", "070-null-hash", "080-go-work", "090-template-override", "100-hostile-strings"]),
            Directory.EnumerateDirectories(Repo.Snapshots).Select(Path.GetFileName).OfType<string>().ToHashSet());

    /// <summary>
    /// A case's files as `nixgen init` writes them from its input copied to <paramref name="root"/>: the real pipeline,
    /// with the hashes of hashes.txt instead of go and nix.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Render(string caseDir, string root)
    {
        var generator = new Generator(new ToolRunner(), GoEnvironments.Proxy(root + "-scratch", "off"), new SilentReporter(), new FileHasher(Path.Combine(caseDir, "hashes.txt")));
        try
        {
            return generator.GenerateAsync(root, new GenerateOptions(Jobs: 1), CancellationToken.None).GetAwaiter().GetResult().Files;
        }
        finally
        {
            TreeCopier.DeleteTree(root + "-scratch");
        }
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

        IReadOnlyDictionary<string, string> RenderAll() => Render(caseDir, root);

        if (File.Exists(expectedError))
        {
            var e = Assert.ThrowsAny<Exception>(() => RenderAll());
            Assert.IsType<TemplateException>(e);
            Assert.Equal(File.ReadAllText(expectedError).Trim(), e.Message);
            return;
        }

        var files = RenderAll();
        Assert.Equal(files, RenderAll());
        // Every generated file is a snapshot: flake.nix (or the module file of the module modes), default.nix, CI glue.
        foreach (var (file, text) in files.Where(f => f.Key is not ("nixgen.lock" or "nixgen.yaml")))
        {
            var ext = Path.GetExtension(file).TrimStart('.');
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" \n", text, StringComparison.Ordinal);
            Snapshot.Verify(caseDir, Path.GetFileNameWithoutExtension(file), ext, text);
            switch (ext)
            {
                case "nix" when name != "100-hostile-strings":
                    // nixfmt's limit: a longer line is rewritten by `nix fmt`, and `nixgen check` would then call it stale.
                    // Parsing and evaluation with nix: ReleaseSpecs and AdoptionSpecs.
                    Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 100, $"{name}/{file}: line over 100 columns: {l}"));
                    break;
                case "json":
                    Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(text));
                    break;
                case "yml":
                    var yaml = new YamlDotNet.RepresentationModel.YamlStream();
                    yaml.Load(new StringReader(text));
                    Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(yaml.Documents[0].RootNode);
                    break;
            }
        }
    }
}
