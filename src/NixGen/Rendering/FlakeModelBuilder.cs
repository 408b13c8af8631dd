using NixGen.Config;
using NixGen.Discovery;
using NixGen.Naming;
using NixGen.Nix;
using NixGen.Planning;

namespace NixGen.Rendering;

/// <summary>Turns the repository, its configuration and the hash results into the template's model.</summary>
internal static class FlakeModelBuilder
{
    /// <param name="goSources">The recorded hashes of Go source releases (<c>goSource: upstream</c>), by Go minimum.</param>
    public static FlakeModel Build(Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes, IReadOnlyDictionary<string, string>? goSources = null)
    {
        var go = GoRequirement.Of(repo, config);
        var cross = config.Cross.Select(c => new CrossModel(c.GoOs, c.GoArch)).ToList();
        Func<string, string> path = config.Output == OutputMode.Flake
            ? NixString.RepoPath
            : rel => rel == "." ? "src" : $"(src + {NixString.Quote("/" + rel)})";
        var services = repo.Services.SelectMany(s => Packages(s, config.For(s.Module.Dir), hashes[s.Name], cross, path, repo.OwnFiles, config.Where)
            .Select(p => config.Sbom ? p with { Sbom = SbomArg(s.Name, p) } : p)).ToList();
        var dirs = repo.Services.ToDictionary(x => NixString.Quote(x.Module.Dir), x => x.Module.Dir, StringComparer.Ordinal);
        // A clash is reported where the service's name comes from: its nixgen.yaml entry, else its directory.
        CheckUnique(services, p => config.Services.ContainsKey(dirs[p.ModRoot]) ? config.Where($"services.{dirs[p.ModRoot]}.name") : dirs[p.ModRoot] + "/go.mod");
        var defaultName = config.DefaultService ?? (repo.Services.Count == 1 ? repo.Services[0].Name : null);
        if (defaultName is not null && repo.Services.All(s => s.Name != defaultName))
        {
            throw new ConfigException($"{config.Where("default")}: default: no service is named \"{defaultName}\" (services: {string.Join(", ", repo.Services.Select(s => s.Name))})");
        }

        // A service built as one package per binary is the default through the package of its main program.
        var defaultService = defaultName is null ? null : services.FirstOrDefault(p => p.Name == defaultName) is { } own ? own.Attr
            : services.First(p => p.Image is not null || p.Name.StartsWith(defaultName + "-", StringComparison.Ordinal)).Attr;

        return new FlakeModel(
            NixString.Quote(config.Description),
            NixString.Quote(config.Nixpkgs),
            [.. config.Systems.Order(StringComparer.Ordinal).Select(NixString.Quote)],
            [.. config.Caches.Select(c => NixString.Quote(c.Url))],
            [.. config.Caches.Select(c => NixString.Quote(c.PublicKey))],
            go.Version is { } v ? NixString.Quote(v) : null,
            NixString.Comment(go.Why),
            services,
            defaultService,
            cross,
            services.Any(s => s.Image is not null),
            config.DevShellPackages,
            NixString.Quote(config.Version),
            repo.Services.Any(s => config.For(s.Module.Dir).CommitVariables.Count > 0),
            config.NixgenFlake is { } n ? NixString.Quote(n) : null,
            services.Any(s => s.Cross.Count > 0),
            repo.Services.Any(s => s.Source.Roots.Contains(".")) ? [.. repo.OwnFiles.Select(path)] : [],
            NixString.AttrName(config.OverlayAttr),
            config.ChecksCross,
            config.ChecksImages)
        {
            Mode = config.Output switch { OutputMode.Module => "module", OutputMode.FlakeParts => "flake-parts", _ => "flake" },
            Root = config.Output == OutputMode.Flake ? "./." : "src",
            ModuleRoot = string.Concat(Enumerable.Repeat("../", config.OutputFile.Count(c => c == '/'))) is { Length: > 0 } up ? up + "." : "./.",
            ModuleFile = config.OutputFile,
            ModulesData = services.Any(s => s.Modules is not null) ? path(NixGenConfig.ModulesFile) : null,
            GoproxyAuth = config.GoproxyAuth,
            SbomData = config.Sbom ? path(NixGenConfig.SbomFile) : null,
            GoUpstream = config.GoUpstream && goSources is { Count: > 0 } ? UpstreamGo(goSources) : null,
        };
    }

    /// <summary><c>{ "1.26.5" = { version = "1.26.5"; hash = "sha256-…"; }; }</c> in nixfmt's layout: each Go minimum, its release and hash.</summary>
    private static string UpstreamGo(IReadOnlyDictionary<string, string> goSources) =>
        "{\n" + string.Concat(goSources.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            $"        {NixString.Quote(g.Key)} = {{\n          version = {NixString.Quote(GoModules.GoVersions.ReleaseOf(g.Key))};\n          hash = {NixString.Quote(g.Value)};\n        }};\n")) + "      }";

    /// <summary>
    /// The argument of the flake's <c>sbomPassthru</c>: the service's entry in nix/go-sbom.json, the package's main
    /// packages (its key there, space-separated) and the package name.
    /// </summary>
    private static string SbomArg(string service, ServiceModel p) =>
        $"{{\n              service = {NixString.Quote(service)};\n              mains = {NixString.Quote(string.Join(" ", p.SubPackages.Select(q => q[1..^1])))};\n"
        + $"              name = {p.Pname};\n            }}";

    /// <summary>Every package name (services, cross targets, images) names one package only.</summary>
    /// <param name="where">Where the package's service is named in nixgen.yaml (its <c>name:</c>, else its entry), for the error.</param>
    private static void CheckUnique(IReadOnlyList<ServiceModel> services, Func<ServiceModel, string> where)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            var names = new List<(string Name, string What)> { (s.Name, "the service") };
            names.AddRange(s.Cross.Select(c => (c.Name, $"its {c.Goos}/{c.Goarch} build")));
            if (s.Image is not null)
            {
                names.Add((s.Image.Attr.Trim('"'), "its image"));
            }

            foreach (var (name, what) in names)
            {
                if (owner.TryGetValue(name, out var other))
                {
                    throw new ConfigException($"{where(s)}: package name \"{name}\" would be both {other} and {what} of {s.Name}; rename a service under services: (name:)");
                }

                owner[name] = $"{what} of {s.Name}";
            }
        }
    }

    /// <summary>
    /// The packages of a service: one with every binary, or (<c>binaries: separate</c>) one per main package, named
    /// <c>&lt;service&gt;-&lt;binary&gt;</c> (the binary named like the service keeps the service's name), all sharing
    /// one source, one vendorHash and one vendor derivation.
    /// </summary>
    /// <param name="ownFiles">nixgen's files (<see cref="Repository.OwnFiles"/>): the flake excludes them once, as <c>generatedFiles</c>.</param>
    /// <param name="where">Where a nixgen.yaml key sits (<see cref="NixGenConfig.Where"/>), for errors.</param>
    private static IEnumerable<ServiceModel> Packages(
        Service s, ServiceConfig c, VendorResult hash, IReadOnlyList<CrossModel> cross, Func<string, string> path, IReadOnlyList<string> ownFiles,
        Func<string, string> where)
    {
        // `go install` names a binary after its package's import path (PackageNames.Binary: a /vN suffix is skipped).
        // The service's program is the configured one, else the main package named like the service, else the module
        // root's, else the first.
        var mains = s.Module.MainPackages.Select(p => (Package: p, Binary: PackageNames.Binary(p == "." ? s.Module.Path : s.Module.Path + "/" + p))).ToList();
        var mainProgram = c.MainProgram ?? mains.FirstOrDefault(m => m.Binary == s.Name).Binary
            ?? (mains.FirstOrDefault(m => m.Package == ".").Binary ?? mains[0].Binary);
        if (c.MainProgram is { } configured && mains.All(m => m.Binary != configured))
        {
            throw new ConfigException($"{where($"services.{s.Module.Dir}.mainProgram")}: services.{s.Module.Dir}.mainProgram: the service has no binary \"{configured}\" (it builds {string.Join(", ", mains.Select(m => m.Binary))})");
        }

        IReadOnlyList<string>? modules = ModulesMode.NeedsOf(s, c) is { Count: > 0 } needs ? [.. needs.Keys.Select(NixString.Quote)] : null;
        if (!c.SeparateBinaries || mains.Count == 1)
        {
            yield return Package(s, c, hash, cross, path, ownFiles, s.Name, s.Module.MainPackages, mainProgram, withImage: true) with { Modules = modules };
            yield break;
        }

        foreach (var (package, binary) in mains)
        {
            var name = BinaryPackage(s, binary);
            yield return Package(s, c, hash, cross, path, ownFiles, name, [package], binary, withImage: binary == mainProgram)
                with
            { ModulesName = $"\"{NixString.Quote(s.Name)[1..^1]}-${{version}}-go-modules\"", Modules = modules };
        }
    }

    /// <summary>The package of one binary of a service built as a package per binary (<c>binaries: separate</c>).</summary>
    private static string BinaryPackage(Service s, string binary) => binary == s.Name ? s.Name : $"{s.Name}-{binary}";

    /// <summary>
    /// The name of a package (under <c>packages.SYSTEM</c>) whose <c>goModules</c> is the service's vendor derivation, as
    /// the flake names it: the service itself, or with <c>binaries: separate</c> the package of its first binary (all of
    /// them share that derivation). The nix strategy builds it.
    /// </summary>
    public static string VendorPackage(Service s, ServiceConfig c) =>
        c.SeparateBinaries && s.Module.MainPackages.Count > 1
            ? BinaryPackage(s, PackageNames.Binary(s.Module.MainPackages[0] == "." ? s.Module.Path : s.Module.Path + "/" + s.Module.MainPackages[0]))
            : s.Name;

    private static ServiceModel Package(
        Service s, ServiceConfig c, VendorResult hash, IReadOnlyList<CrossModel> cross, Func<string, string> path, IReadOnlyList<string> ownFiles,
        string name, IReadOnlyList<string> subPackages, string mainProgram, bool withImage)
    {
        var go = GoRequirement.ForService(s, c);
        var cgo = c.Cgo ?? s.UsesCgo;
        // Version variables get the flake's stable `version`; commit variables the commit (`rev`), which rebuilds the
        // service on every commit. The variable names were validated as Go identifiers.
        var ldflags = c.Ldflags.Select(NixString.Quote)
            .Concat(c.VersionVariables.Order(StringComparer.Ordinal).Select(v => $"\"-X {v}=${{version}}\""))
            .Concat(c.CommitVariables.Order(StringComparer.Ordinal).Select(v => $"\"-X {v}=${{rev}}\""));
        var attr = NixString.AttrName(name);
        var image = c.Image.Enabled && withImage
            ? new ImageModel(
                NixString.AttrName(s.Name + "-image"),
                attr,
                NixString.Quote(c.Image.Name ?? PackageNames.ImageName(s.Name)),
                c.Image.Tag == "version" ? "version" : NixString.Quote(c.Image.Tag),
                [.. c.Image.Ports.Order().Select(p => NixString.Quote($"{p}/tcp"))],
                [.. c.Image.Env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => NixString.Quote($"{e.Key}={e.Value}"))],
                c.Image.CaCertificates,
                c.Image.Tzdata)
            : null;
        var builderArgs = (go, cgo) switch
        {
            (null, false) => "{ }",
            (null, true) => "{ cgo = 1; }",
            ({ } g, false) => $"{{ go = goAtLeast pkgs.buildPackages {NixString.Quote(g.Version!)}; }}",
            ({ } g, true) => $"{{ go = goAtLeast pkgs.buildPackages {NixString.Quote(g.Version!)}; cgo = 1; }}",
        };
        return new ServiceModel(
            attr,
            name,
            NixString.Quote(name),
            [.. s.Source.Roots.Select(path)],
            [.. s.Source.ExcludedFiles.Where(f => !ownFiles.Contains(f)).Concat(s.Source.ExcludedModules).Order(StringComparer.Ordinal).Select(path)],
            s.Source.Roots.Contains("."),
            NixString.Quote(s.Module.Dir),
            [.. subPackages.Select(NixString.Quote)],
            hash.VendorHash is null ? "null" : NixString.Quote(hash.VendorHash),
            hash.ProxyVendor,
            [.. ldflags],
            [.. c.Tags.Select(NixString.Quote)],
            cgo,
            c.DoCheck,
            NixString.Quote(c.Description ?? $"The {s.Name} service ({s.Module.Path})"),
            NixString.Quote(mainProgram),
            NixString.Comment("vendorHash: " + hash.Why),
            image,
            builderArgs,
            go is null ? null : NixString.Comment(go.Why),
            // Cross builds are pure Go: a cgo service would need a C cross toolchain (pkgsCross), so it gets none.
            cgo ? [] : [.. cross.Select(t => new CrossPackageModel(NixString.AttrName($"{name}-{t.Binding}"), $"{name}-{t.Binding}", t.Binding, t.Goos, t.Goarch))]);
    }
}
