using NixGen.Fixtures;
using NixGen.Hashing;
using NixGen.Pipeline;
using NixGen.Processes;
using NixGen.Tests.Support;

namespace NixGen.Tests.Integration;

/// <summary>
/// A repository with one service of each kind buildGoModule treats differently, its remote modules served by a
/// file:// proxy built here, hashed once with the local strategy and checked against independent computation.
/// </summary>
public sealed class KindsRepo : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new();

    public string Scratch => _dir.Path;

    public string Root => Path.Combine(_dir.Path, "repo");

    public GoProxyBuilder Proxy { get; private set; } = null!;

    internal GenerationResult Local { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Proxy = new GoProxyBuilder(Path.Combine(_dir.Path, "proxy"));
        Write(Root, Proxy);
        Local = await new Generator(new ToolRunner(), GoEnvironments.Proxy(Scratch, Proxy.Url), new SilentReporter())
            .GenerateAsync(Root, new GenerateOptions(Jobs: 2), CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Publishes the remote modules and writes the six services.</summary>
    public static void Write(string root, GoProxyBuilder proxy)
    {
        proxy.Publish("example.org/text", "v1.2.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/text\n\ngo 1.21\n",
            ["text.go"] = "// Package text shouts.\npackage text\n\nimport \"strings\"\n\n// Shout upper-cases s.\nfunc Shout(s string) string { return strings.ToUpper(s) + \"!\" }\n",
            ["internal/x/x.go"] = "package x\n\nconst X = 1\n",
        });
        proxy.Publish("example.org/log", "v0.4.0", new Dictionary<string, string>
        {
            ["go.mod"] = "module example.org/log\n\ngo 1.21\n\nrequire example.org/text v1.2.0\n",
            ["log.go"] = "// Package log prints.\npackage log\n\nimport (\n\t\"fmt\"\n\n\t\"example.org/text\"\n)\n\n// Info prints a line.\nfunc Info(s string) { fmt.Println(text.Shout(s)) }\n",
            ["README.md"] = "# log\n",
        });
        var logSums = string.Concat(proxy.SumLines("example.org/log", "v0.4.0").Concat(proxy.SumLines("example.org/text", "v1.2.0")).Order(StringComparer.Ordinal).Select(l => l + "\n"));
        var textSums = string.Concat(proxy.SumLines("example.org/text", "v1.2.0").Select(l => l + "\n"));
        const string logRequires = "\nrequire example.org/log v0.4.0\n\nrequire example.org/text v1.2.0 // indirect\n";
        const string lib = "\nrequire example.com/kinds/libs/shared v0.0.0\n\nreplace example.com/kinds/libs/shared => ../../libs/shared\n";

        WriteFile(root, "libs/shared/go.mod", "module example.com/kinds/libs/shared\n\ngo 1.21\n");
        WriteFile(root, "libs/shared/shared.go", "// Package shared is used by several services.\npackage shared\n\n// Greeting is shared.\nconst Greeting = \"hello\"\n");

        Service(root, "remote", logRequires, logSums, "\"example.org/log\"", "log.Info(\"remote\")");
        Service(root, "mixed", logRequires + lib, logSums, "\"example.com/kinds/libs/shared\"\n\t\"example.org/log\"", "log.Info(shared.Greeting)");
        Service(root, "localonly", lib, null, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"", "fmt.Println(shared.Greeting)");
        Service(root, "nodeps", "", null, "\"fmt\"", "fmt.Println(\"none\")");
        Service(root, "workspace", "\nrequire example.org/text v1.2.0\n" + lib, textSums, "\"fmt\"\n\n\t\"example.com/kinds/libs/shared\"\n\t\"example.org/text\"", "fmt.Println(text.Shout(shared.Greeting))");
        Service(root, "vendored", "\nrequire example.org/text v1.2.0\n", textSums, "\"fmt\"\n\n\t\"example.org/text\"", "fmt.Println(text.Shout(\"v\"))");
        // A workspace over some modules. Its replace would change what `workspace` vendors if nixgen honoured the
        // workspace; buildGoModule never sees go.work (it is not in the filtered src), so neither must nixgen.
        WriteFile(root, "go.work", "go 1.21\n\nuse (\n\t./libs/shared\n\t./services/workspace\n)\n\nreplace example.org/text v1.2.0 => ./third_party/text\n");
        WriteFile(root, "third_party/text/go.mod", "module example.org/text\n\ngo 1.21\n");
        WriteFile(root, "third_party/text/text.go", "package text\n\n// Shout is a fork.\nfunc Shout(s string) string { return s }\n");
    }

    private static void Service(string root, string name, string requires, string? sums, string imports, string body)
    {
        WriteFile(root, $"services/{name}/go.mod", $"module example.com/kinds/services/{name}\n\ngo 1.21\n{requires}");
        if (sums is not null)
        {
            WriteFile(root, $"services/{name}/go.sum", sums);
        }

        WriteFile(root, $"services/{name}/main.go", $"// Command {name} is a test service.\npackage main\n\nimport (\n\t{imports}\n)\n\nfunc main() {{ {body} }}\n");
    }

    private static void WriteFile(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Commits vendor/ of services/vendored, as a team that vendors would.</summary>
    public static void VendorInPlace(string root, string proxyUrl, string scratch)
    {
        var (exit, _, err) = Tools.Run("go", Path.Combine(root, "services", "vendored"), Independent.GoEnv(proxyUrl, Path.Combine(scratch, "vendor-modcache")), "mod", "vendor");
        Assert.True(exit == 0, err);
    }
}

/// <summary>What a user would do by hand: a fresh module cache, `go mod vendor` outside workspace mode, `nix hash path`.</summary>
public static class Independent
{
    public static Dictionary<string, string> GoEnv(string proxyUrl, string modCache) => new()
    {
        ["GOPROXY"] = proxyUrl,
        ["GOSUMDB"] = "off",
        ["GOWORK"] = "off",
        ["GOMODCACHE"] = modCache,
        ["GOFLAGS"] = "",
        ["GOTOOLCHAIN"] = "local",
    };

    public static string? VendorHash(string repo, string modRoot, string proxyUrl)
    {
        using var work = new TempDir();
        Repo.CopyTree(repo, Path.Combine(work.Path, "src"));
        var dir = Path.Combine(work.Path, "src", modRoot);
        var (exit, _, err) = Tools.Run("go", dir, GoEnv(proxyUrl, Path.Combine(work.Path, "fresh-modcache")), "mod", "vendor");
        Assert.True(exit == 0 || err.Contains("no dependencies to vendor", StringComparison.Ordinal), err);
        return Directory.Exists(Path.Combine(dir, "vendor")) ? Tools.NixHashPath(Path.Combine(dir, "vendor")) : null;
    }
}

[Trait("Category", "Integration")]
public sealed class ServiceKindSpecs(KindsRepo kinds) : IClassFixture<KindsRepo>
{
    private ServiceReport Report(string name) => Assert.Single(kinds.Local.Services, s => s.Name == name);

    [Fact]
    public void Remote_dependencies_only_get_the_hash_of_an_independent_go_mod_vendor()
    {
        var report = Report("remote");
        Assert.NotNull(report.VendorHash);
        Assert.False(report.ProxyVendor);
        Assert.Equal(Independent.VendorHash(kinds.Root, "services/remote", kinds.Proxy.Url), report.VendorHash);
    }

    [Fact]
    public void A_local_replace_is_vendored_so_its_content_is_in_the_hash_and_in_the_src()
    {
        var report = Report("mixed");
        Assert.Equal(Independent.VendorHash(kinds.Root, "services/mixed", kinds.Proxy.Url), report.VendorHash);
        Assert.NotEqual(Report("remote").VendorHash, report.VendorHash);
        var flake = kinds.Local.Files["flake.nix"];
        var mixed = flake[flake.IndexOf("mixed = buildGoModule", StringComparison.Ordinal)..];
        Assert.Contains("./libs/shared", mixed[..mixed.IndexOf("modRoot", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_local_replaces_build_from_source_with_proxyVendor_and_a_null_hash()
    {
        var report = Report("localonly");
        Assert.Null(report.VendorHash);
        Assert.True(report.ProxyVendor);
        // go mod vendor would copy only the library: a fixed-output derivation of repository code.
        var modulesTxt = VendoredModules(kinds.Root, "services/localonly", kinds.Proxy.Url);
        Assert.All(modulesTxt, line => Assert.Contains("=> ../../libs/shared", line, StringComparison.Ordinal));
        Assert.Contains("proxyVendor = true;", kinds.Local.Files["flake.nix"], StringComparison.Ordinal);
    }

    [Fact]
    public void No_dependencies_get_a_null_hash_and_no_proxyVendor()
    {
        var report = Report("nodeps");
        Assert.Null(report.VendorHash);
        Assert.False(report.ProxyVendor);
        Assert.Null(Independent.VendorHash(kinds.Root, "services/nodeps", kinds.Proxy.Url));
    }

    [Fact]
    public void A_workspace_module_is_hashed_outside_workspace_mode_like_buildGoModule_and_its_src_has_no_go_work()
    {
        var report = Report("workspace");
        Assert.Equal(Independent.VendorHash(kinds.Root, "services/workspace", kinds.Proxy.Url), report.VendorHash);
        var flake = kinds.Local.Files["flake.nix"];
        Assert.DoesNotContain("go.work", flake.Split('\n').Where(l => l.TrimStart().StartsWith("./", StringComparison.Ordinal)), StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_committed_vendor_dir_gets_a_null_hash_and_nothing_is_fetched()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, kinds.Root, "nixgen.lock");
        KindsRepo.VendorInPlace(repo, kinds.Proxy.Url, dir.Path);
        // A repository of that one service, hashed with the proxy switched off: nothing may be fetched.
        var runner = new ToolRunner();
        var single = Path.Combine(dir.Path, "single");
        Repo.CopyTree(Path.Combine(repo, "services", "vendored"), single);
        var only = await new Generator(runner, GoEnvironments.Proxy(dir.Path, "off"), new SilentReporter())
            .GenerateAsync(single, new GenerateOptions(), CancellationToken.None);
        var report = Assert.Single(only.Services);
        Assert.Null(report.VendorHash);
        Assert.False(report.ProxyVendor);
        Assert.Equal(0, runner.ProcessesStarted);
    }

    [Fact]
    public async Task The_nix_strategy_reads_the_same_hashes_from_a_real_fixed_output_build()
    {
        using var dir = new TempDir();
        var repo = Repo.CopyRepo(dir, kinds.Root, "nixgen.lock");
        WriteFixedOutputTemplate(repo, kinds.Proxy.Url);
        // nix builds as a nixbld user: let it read the proxy.
        Tools.Run("chmod", dir.Path, null, "-R", "a+rX", kinds.Proxy.Root);
        Tools.Run("chmod", dir.Path, null, "a+x", kinds.Scratch);

        var runner = new ToolRunner();
        var viaNix = await new Generator(runner, GoEnvironments.Proxy(dir.Path, kinds.Proxy.Url), new SilentReporter())
            .GenerateAsync(repo, new GenerateOptions(Jobs: 2, Strategy: "nix"), CancellationToken.None);

        Assert.Equal(
            kinds.Local.Services.Select(s => (s.Name, s.VendorHash, s.ProxyVendor)),
            viaNix.Services.Select(s => (s.Name, s.VendorHash, s.ProxyVendor)));
        Assert.All(viaNix.Services, s => Assert.Equal("nix", s.Strategy));
        // nix --version once, then one build per service that needs a fixed-output derivation.
        Assert.Equal(1 + 4, runner.ProcessesStarted);
        Assert.Contains("\"strategy\": \"nix\"", viaNix.Files["nixgen.lock"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_of_nix_s_error_is_read_in_every_format_nix_has_printed()
    {
        const string sri = "sha256-HDfQGvQL4ugGkd48w99EN3ppmvuxfGjwgJZLL9Bx/BM=";
        var (_, base32, _) = Tools.Run("nix", Path.GetTempPath(), null, "--extra-experimental-features", "nix-command", "hash", "to-base32", sri);
        base32 = base32.Trim();
        Assert.Equal(base32, Nix32.Encode(Convert.FromBase64String(sri["sha256-".Length..])));

        Assert.Equal(sri, NixHashMismatch.TryReadGot($"error: hash mismatch in fixed-output derivation '/nix/store/x.drv':\n         specified: sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n            got:    {sri}\n"));
        Assert.Equal(sri, NixHashMismatch.TryReadGot($"output path '/nix/store/y' has r:sha256 hash mismatch:\n  wanted: sha256:0000000000000000000000000000000000000000000000000000\n  got:    sha256:{base32}\n"));
        Assert.Equal(sri, NixHashMismatch.TryReadGot($"hash mismatch in fixed-output derivation '/nix/store/z.drv':\n  wanted: sha256:0000000000000000000000000000000000000000000000000000\n  got:    {base32}\n"));
        Assert.Null(NixHashMismatch.TryReadGot("error: builder for '/nix/store/a.drv' failed with exit code 1"));
    }

    private static List<string> VendoredModules(string repo, string modRoot, string proxyUrl)
    {
        using var work = new TempDir();
        Repo.CopyTree(repo, Path.Combine(work.Path, "src"));
        var dir = Path.Combine(work.Path, "src", modRoot);
        var (exit, _, err) = Tools.Run("go", dir, Independent.GoEnv(proxyUrl, Path.Combine(work.Path, "mc")), "mod", "vendor");
        Assert.True(exit == 0, err);
        return [.. File.ReadAllLines(Path.Combine(dir, "vendor", "modules.txt")).Where(l => l.StartsWith("# ", StringComparison.Ordinal))];
    }

    /// <summary>
    /// nixpkgs is not available offline, so the repository overrides the flake template with one whose
    /// <c>goModules</c> is a plain <c>builtins.derivation</c> doing what buildGoModule's vendor derivation does.
    /// </summary>
    internal static void WriteFixedOutputTemplate(string repo, string proxyUrl)
    {
        var go = new ToolRunner().Resolve("go")!;
        var system = NixSystem.Current;
        var template = $$$"""
            {
              outputs = { self }: {
                packages.{{{system}}} = {
            {{~ for service in services ~}}
            {{~ if service.vendor_hash != "null" ~}}
                  {{ service.attr }}.goModules = builtins.derivation {
                    name = "{{ service.attr }}-go-modules";
                    system = "{{{system}}}";
                    builder = "/bin/sh";
                    args = [ "-c" ''
                      set -e
                      export PATH=/usr/bin:/bin
                      export HOME=$TMPDIR GOCACHE=$TMPDIR/cache GOMODCACHE=$TMPDIR/mod GOPATH=$TMPDIR/gopath
                      export GOPROXY={{{proxyUrl}}} GOSUMDB=off GOWORK=off GOTOOLCHAIN=local GO111MODULE=on CGO_ENABLED=0
                      cp -r ${./.} $TMPDIR/src && chmod -R u+w $TMPDIR/src
                      cd $TMPDIR/src/${ {{ service.mod_root }} }
                      {{{go}}} mod vendor
                      cp -r vendor $out
                    '' ];
                    outputHashMode = "recursive";
                    outputHashAlgo = "sha256";
                    outputHash = {{ service.vendor_hash }};
                  };
            {{~ end ~}}
            {{~ end ~}}
                };
              };
            }
            """;
        var dir = Path.Combine(repo, ".nixgen", "templates");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "flake.nix.sbn"), template + "\n");
    }
}
