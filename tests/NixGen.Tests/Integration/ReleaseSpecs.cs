using System.Text.Json.Nodes;
using NixGen.Config;
using NixGen.Discovery;
using NixGen.GoModules;
using NixGen.Planning;
using NixGen.Tests.Support;
using NixGen.Tests.Unit;

namespace NixGen.Tests.Integration;

/// <summary>One model of nixpkgs per release (Nix/model/releases.nix), shared by the specs that evaluate on each.</summary>
public sealed class ReleaseModels : IDisposable
{
    private readonly TempDir _dir = new();

    public ReleaseModels()
    {
        foreach (var release in NixModel.Releases)
        {
            Models[release] = NixModel.Create(_dir.Path, release);
        }

        NixBuildFixture.OpenToBuilders(_dir.Path);
    }

    public Dictionary<string, NixModel> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>The Go versions each release model ships (releases.nix), oldest first; the last is its default <c>go</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> GoVersionsOf = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["24.11"] = ["1.22.12", "1.23.8"],
        ["25.05"] = ["1.23.12", "1.24.6"],
        ["25.11"] = ["1.24.9", "1.25.4"],
        ["unstable"] = ["1.25.8", "1.26.3"],
    };

    /// <summary>What the flake's goAtLeast picks on a release: the oldest version at least <paramref name="wanted"/>, or null.</summary>
    /// <param name="upstream"><c>goSource: upstream</c>: a release with the wanted series but an older patch builds the wanted release.</param>
    public static string? GoFor(string release, string? wanted, bool upstream = false) =>
        wanted is null ? GoVersionsOf[release][^1]
        : GoVersionsOf[release].FirstOrDefault(v => GoVersions.CompareGo(v, wanted) >= 0)
            ?? (upstream && GoVersionsOf[release].Any(v => GoVersions.Series(v) == GoVersions.Series(wanted)) ? NixGen.GoModules.GoVersions.ReleaseOf(wanted) : null);

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Every generated flake against a model of each nixpkgs release: it evaluates (or fails with nixgen's own message
/// when the release has no Go new enough), without a single evaluation warning, and each package is what nixgen
/// promises. The derivations are real, so every attribute buildGoModule sees is checked where it lands.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReleaseSpecs(ReleaseModels releases) : IClassFixture<ReleaseModels>
{
    private static readonly Dictionary<string, (string Goos, string Goarch)> Platforms = new(StringComparer.Ordinal)
    {
        ["x86_64-linux"] = ("linux", "amd64"),
        ["aarch64-linux"] = ("linux", "arm64"),
        ["x86_64-darwin"] = ("darwin", "amd64"),
        ["aarch64-darwin"] = ("darwin", "arm64"),
    };

    public static TheoryData<string, string> CasesOnReleases()
    {
        var data = new TheoryData<string, string>();
        // Cases that render a flake (the module modes are built from hand-written flakes by AdoptionSpecs).
        foreach (var c in SnapshotCaseSpecs.CaseNames().Where(c => !File.Exists(Path.Combine(Repo.Snapshots, c, "expected-error.txt"))
            && ConfigLoader.Load(Path.Combine(Repo.Snapshots, c, "input", "nixgen.yaml")).Output == OutputMode.Flake))
        {
            foreach (var r in NixModel.Releases)
            {
                data.Add(c, r);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesOnReleases))]
    public void Every_snapshot_case_evaluates_on_every_release_as_promised(string name, string release)
    {
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "case");
        Repo.CopyTree(Path.Combine(Repo.Snapshots, name, "input"), root);
        var files = SnapshotCaseSpecs.Render(Path.Combine(Repo.Snapshots, name), root);
        File.WriteAllText(Path.Combine(root, "flake.nix"), files["flake.nix"]);
        var config = ConfigLoader.Load(Path.Combine(root, "nixgen.yaml"));
        var repo = RepoScanner.Scan(root);
        NixBuildFixture.OpenToBuilders(dir.Path);

        var (summary, errors) = releases.Models[release].TrySummarize(root);

        var wanted = Rendering.GoRequirement.Of(repo, config).Version;
        if (ReleaseModels.GoFor(release, wanted, config.GoUpstream) is null)
        {
            Assert.Null(summary);
            Assert.True(errors.Contains($"nixgen: the services need Go >= {wanted}, but this nixpkgs ({(release == "unstable" ? "26.11" : release)})", StringComparison.Ordinal), errors);
            return;
        }

        Assert.True(summary is not null, errors);
        Assert.DoesNotContain("warning", errors, StringComparison.OrdinalIgnoreCase);
        AssertAsPromised(summary, repo, config, release);

        // Cases whose services fetch nothing (no hashes.txt) need no module proxy: their packages really build.
        if (!File.Exists(Path.Combine(Repo.Snapshots, name, "hashes.txt")) && summary.ContainsKey("x86_64-linux"))
        {
            var packages = summary["x86_64-linux"]!["packages"]!.AsObject().Select(p => p.Key).Where(p => p != "default").ToArray();
            var outs = releases.Models[release].Build(root, new Dictionary<string, string>(), packages);
            Assert.All(repo.Services, s => Assert.True(Directory.Exists(Path.Combine(outs[s.Name], "bin")), s.Name));
        }
    }

    /// <summary>The packages, apps, checks and overlay of every system are what nixgen.yaml and the repository say.</summary>
    internal static void AssertAsPromised(JsonObject summary, Repository repo, NixGenConfig config, string release)
    {
        Assert.Equal(config.Systems.Order(StringComparer.Ordinal), summary.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (system, value) in summary)
        {
            var packages = value!["packages"]!.AsObject();
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            var apps = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var s in repo.Services)
            {
                var c = config.For(s.Module.Dir);
                var cgo = c.Cgo ?? s.UsesCgo;
                foreach (var name in PackageNamesOf(s, c))
                {
                    var native = packages[name]!;
                    expected.Add(name);
                    apps.Add(name);
                    Assert.Equal(Platforms[system], ((string)native["GOOS"]!, (string)native["GOARCH"]!));
                    Assert.Equal(cgo ? "1" : "0", native["CGO_ENABLED"]!.ToString());
                    Assert.Equal($"{name}-{config.Version}", (string)native["name"]!);
                    Assert.Equal(ReleaseModels.GoFor(release, c.Go ?? Rendering.GoRequirement.Of(repo, config).Version, config.GoUpstream), (string?)native["go"]);
                    if ((string?)native["goModules"] is { } fod)
                    {
                        // One vendor derivation per service, whatever its binaries.
                        Assert.Equal($"{s.Name}-{config.Version}-go-modules", fod);
                    }

                    foreach (var t in cgo ? [] : config.Cross)
                    {
                        var cross = packages[$"{name}-{t.GoOs}-{t.GoArch}"]!;
                        expected.Add($"{name}-{t.GoOs}-{t.GoArch}");
                        Assert.Equal((t.GoOs, t.GoArch), ((string)cross["GOOS"]!, (string)cross["GOARCH"]!));
                        Assert.Equal("0", cross["CGO_ENABLED"]!.ToString());
                        Assert.False((bool?)cross["doCheck"] ?? true);
                        Assert.True((bool?)cross["dontStrip"] ?? false);
                        Assert.Equal(t.GoOs == "windows", ((string)cross["mainProgram"]!).EndsWith(".exe", StringComparison.Ordinal));
                    }
                }

                if (c.Image.Enabled && system.EndsWith("-linux", StringComparison.Ordinal))
                {
                    expected.Add(s.Name + "-image");
                }
            }

            var defaultService = config.DefaultService ?? (repo.Services.Count == 1 ? repo.Services[0].Name : null);
            if (defaultService is not null)
            {
                expected.Add("default");
                var s = repo.Services.Single(x => x.Name == defaultService);
                var main = PackageNamesOf(s, config.For(s.Module.Dir)).FirstOrDefault(n => n == s.Name)
                    ?? $"{s.Name}-{config.For(s.Module.Dir).MainProgram}";
                Assert.Equal((string)packages[main]!["drv"]!, (string)packages["default"]!["drv"]!);
            }

            Assert.Equal(expected, packages.Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
            Assert.Equal(apps, value["apps"]!.AsObject().Select(a => a.Key).Order(StringComparer.Ordinal));
            var checks = value["checks"]!.AsObject().Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(apps.ToHashSet(StringComparer.Ordinal), checks);
            Assert.Equal(config.ChecksCross || config.Cross.Count == 0, checks.IsSupersetOf(expected.Where(p => config.Cross.Any(t => p.EndsWith($"-{t.GoOs}-{t.GoArch}", StringComparison.Ordinal)))));
            Assert.Equal([config.OverlayAttr], value["overlay"]!.AsArray().Select(o => (string)o!));
            Assert.Equal(release is "24.11" or "25.05" ? "nixfmt-rfc-style" : "nixfmt", (string)value["formatter"]!);
        }
    }

    /// <summary>The packages of a service: one, or one per binary (<c>binaries: separate</c>).</summary>
    private static IEnumerable<string> PackageNamesOf(Service s, ServiceConfig c)
    {
        var binaries = s.Module.MainPackages.Select(p => (p == "." ? s.Module.Path : s.Module.Path + "/" + p).Split('/')[^1]).ToList();
        return c.SeparateBinaries && binaries.Count > 1 ? binaries.Select(b => b == s.Name ? b : $"{s.Name}-{b}") : [s.Name];
    }

    public static TheoryData<string> Releases() => [.. NixModel.Releases];

    [Theory]
    [MemberData(nameof(Releases))]
    public void The_example_evaluates_agrees_with_its_lock_and_workflow_and_builds_on_every_release(string release)
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);
        var model = releases.Models[release];

        var (summary, errors) = model.TrySummarize(repo);

        Assert.True(summary is not null, errors);
        Assert.DoesNotContain("warning", errors, StringComparison.OrdinalIgnoreCase);
        AssertAsPromised(summary, RepoScanner.Scan(repo), ConfigLoader.Load(Path.Combine(repo, "nixgen.yaml")), release);
        var linux = summary["x86_64-linux"]!["packages"]!.AsObject();
        foreach (var (name, service) in LockFile.Load(Path.Combine(repo, "nixgen.lock")).Services)
        {
            Assert.Equal((service.VendorHash, service.ProxyVendor, service.Dir), ((string?)linux[name]!["vendorHash"], (bool)linux[name]!["proxyVendor"]!, (string?)linux[name]!["modRoot"]));
        }

        // The generated CI builds exactly the flake's packages on x86_64-linux.
        var matrix = Workflow.Jobs(File.ReadAllText(Path.Combine(repo, ".github", "workflows", "nix.yml"))).Where(j => j.Os == "ubuntu-24.04").Select(j => j.Package);
        Assert.Equal(linux.Select(p => p.Key).Where(k => k != "default").Order(StringComparer.Ordinal), matrix.Order(StringComparer.Ordinal));

        var env = new Dictionary<string, string> { ["GOPROXY"] = "file://" + Path.Combine(repo, "third_party", "goproxy") };
        var outs = model.Build(repo, env, "gateway", "inventory", "notifications", "orders", "orders-linux-arm64", "orders-image");
        Assert.True(File.Exists(Path.Combine(outs["inventory"], "bin", "inventory-worker")));
        Assert.True(File.Exists(Path.Combine(outs["orders-linux-arm64"], "bin", "orders")));
    }

    [Fact]
    public void A_commit_that_edits_one_service_changes_only_that_services_store_paths()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);
        var model = releases.Models["25.11"];
        Dictionary<string, string> Paths()
        {
            var (summary, errors) = model.TrySummarize(repo);
            Assert.True(summary is not null, errors);
            return summary.SelectMany(s => s.Value!["packages"]!.AsObject().Select(p => ($"{s.Key}/{p.Key}", (string)p.Value!["drv"]!)))
                .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        }

        IEnumerable<string> Changed(Dictionary<string, string> a, Dictionary<string, string> b) =>
            a.Keys.Where(k => a[k] != b[k]).Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).Distinct().Order(StringComparer.Ordinal);

        var first = Paths();
        File.AppendAllText(Path.Combine(repo, "services", "inventory", "cmd", "inventory-worker", "main.go"), "\n// Edited in the second commit.\n");
        File.AppendAllText(Path.Combine(repo, "README.md"), "A change outside every service.\n");
        Git.CommitAll(repo, "edit inventory");
        var second = Paths();
        Assert.Equal(["inventory", "inventory-darwin-arm64", "inventory-linux-amd64", "inventory-linux-arm64"], Changed(first, second));

        File.AppendAllText(Path.Combine(repo, "libs", "platform", "log", "log.go"), "\n// Edited in the third commit.\n");
        Git.CommitAll(repo, "edit the shared library");
        var third = Paths();
        Assert.Equal(
            ["default", "gateway", "gateway-darwin-arm64", "gateway-image", "gateway-linux-amd64", "gateway-linux-arm64",
             "orders", "orders-darwin-arm64", "orders-image", "orders-linux-amd64", "orders-linux-arm64"],
            Changed(second, third));
    }

    [Fact]
    public void The_first_wave_example_flake_fails_on_the_models_where_the_review_said()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, Repo.Example);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Nix", "first-wave", "example-flake.nix"), Path.Combine(repo, "flake.nix"), overwrite: true);
        Git.InitAndCommit(repo);
        NixBuildFixture.OpenToBuilders(dir.Path);

        // Top-level CGO_ENABLED: 25.05 warns about it.
        Assert.Contains("use env.CGO_ENABLED", releases.Models["25.05"].TrySummarize(repo).Errors, StringComparison.Ordinal);

        // From 25.11 on both the top-level CGO_ENABLED (it collides with env) and the Go attribute chosen from the URL
        // text (go_1_23 throws) break evaluation; which one nix meets first is up to its evaluation order.
        var (onNew, newErrors) = releases.Models["25.11"].TrySummarize(repo);
        Assert.Null(onNew);
        Assert.True(
            newErrors.Contains("go_1_23 has been removed", StringComparison.Ordinal) || newErrors.Contains("overlapping: CGO_ENABLED", StringComparison.Ordinal),
            newErrors);
        File.WriteAllText(Path.Combine(repo, "flake.nix"), File.ReadAllText(Path.Combine(repo, "flake.nix")).Replace("CGO_ENABLED = 0;", "", StringComparison.Ordinal));
        Git.CommitAll(repo, "without CGO_ENABLED");
        Assert.Contains("go_1_23 has been removed", releases.Models["25.11"].TrySummarize(repo).Errors, StringComparison.Ordinal);

        // version = self.shortRev: a commit outside every service changes every store path.
        JsonObject Packages() => releases.Models["24.11"].TrySummarize(repo).Summary!["x86_64-linux"]!["packages"]!.AsObject();
        var before = Packages();
        File.AppendAllText(Path.Combine(repo, "README.md"), "Unrelated.\n");
        Git.CommitAll(repo, "unrelated");
        var after = Packages();
        Assert.All(before, p => Assert.NotEqual((string)p.Value!["drv"]!, (string)after[p.Key]!["drv"]!));
    }

    [Fact]
    public async Task Services_with_names_that_need_quoting_evaluate_on_every_release()
    {
        using var dir = new TempDir();
        var repo = Path.Combine(dir.Path, "repo");
        foreach (var (d, m) in new[] { ("cmd/2fa", "example.com/x/cmd/2fa"), ("cmd/api.v2", "example.com/x/cmd/api.v2"), ("cmd/we ird${x}\"q", "example.com/x/weird") })
        {
            InProcess.WriteFile(repo, $"{d}/go.mod", $"module {m}\n\ngo 1.22\n");
            InProcess.WriteFile(repo, $"{d}/main.go", "package main\n\nfunc main() {}\n");
        }

        InProcess.WriteFile(repo, "nixgen.yaml", "cross: [linux/arm64, windows/amd64]\nservices:\n  cmd/api.v2:\n    image: {}\n");
        await InProcess.UpdateAsync(repo, GoEnvironments.Proxy(dir.Path, "off"));
        NixBuildFixture.OpenToBuilders(dir.Path);
        var config = ConfigLoader.Load(Path.Combine(repo, "nixgen.yaml"));
        var scanned = RepoScanner.Scan(repo, config.Services.Where(s => s.Value.Name is not null).ToDictionary(s => s.Key, s => s.Value.Name!, StringComparer.Ordinal));
        foreach (var release in NixModel.Releases)
        {
            var (summary, errors) = releases.Models[release].TrySummarize(repo);
            Assert.True(summary is not null, errors);
            AssertAsPromised(summary, scanned, config, release);
        }
    }
}
