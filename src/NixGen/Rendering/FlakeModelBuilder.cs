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
        ModelCheck.Validate(repo, config);
        var go = GoRequirement.Of(repo, config);
        var cross = config.Cross.Select(c => new CrossModel(c.GoOs, c.GoArch)).ToList();
        Func<string, string> path = config.Output == OutputMode.Flake
            ? NixString.RepoPath
            : NixString.SrcPath;
        var services = repo.Services.SelectMany(s => Packages(s, config.For(s.Module.Dir), hashes[s.Name], cross, path, repo.OwnFiles, config.Where)
            .Select(p => config.Sbom ? p : p with { SbomEntry = null })).ToList();
        var defaultName = ModelCheck.DefaultService(repo, config);

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
            Root = path("."),
            ModuleRoot = NixString.RootFrom(config.OutputFile.Count(c => c == '/')),
            ModuleFile = config.OutputFile,
            ModulesData = services.Any(s => s.Modules is not null) ? path(NixGenConfig.ModulesFile) : null,
            GoproxyAuth = config.GoproxyAuth,
            SbomData = config.Sbom ? path(NixGenConfig.SbomFile) : null,
            GoUpstream = config.GoUpstream && goSources is { Count: > 0 }
                ? [.. goSources.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GoSourceModel(g.Key, GoModules.GoVersions.ReleaseOf(g.Key), g.Value))]
                : null,
        };
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
        // The packages and their programs, as ModelCheck checked them.
        var packages = ModelCheck.Packages(s, c, where);
        IReadOnlyList<string>? modules = ModulesMode.NeedsOf(s, c) is { Count: > 0 } needs ? [.. needs.Keys.Select(NixString.Quote)] : null;
        if (packages.Count == 1)
        {
            var one = packages[0];
            yield return Package(s, c, hash, cross, path, ownFiles, one.Name, one.SubPackages, one.MainProgram, one.WithImage) with { Modules = modules };
            yield break;
        }

        foreach (var p in packages)
        {
            yield return Package(s, c, hash, cross, path, ownFiles, p.Name, p.SubPackages, p.MainProgram, p.WithImage)
                with
            { SharedVendor = s.Name, Modules = modules };
        }
    }

    /// <summary>
    /// The name of a package (under <c>packages.SYSTEM</c>) whose <c>goModules</c> is the service's vendor derivation, as
    /// the flake names it: the service itself, or with <c>binaries: separate</c> the package of its first binary (all of
    /// them share that derivation). The nix strategy builds it.
    /// </summary>
    public static string VendorPackage(Service s, ServiceConfig c) =>
        c.SeparateBinaries && s.Module.MainPackages.Count > 1
            ? ModelCheck.BinaryPackage(s, PackageNames.Binary(s.Module.MainPackages[0] == "." ? s.Module.Path : s.Module.Path + "/" + s.Module.MainPackages[0]))
            : s.Name;

    private static ServiceModel Package(
        Service s, ServiceConfig c, VendorResult hash, IReadOnlyList<CrossModel> cross, Func<string, string> path, IReadOnlyList<string> ownFiles,
        string name, IReadOnlyList<string> subPackages, string mainProgram, bool withImage)
    {
        var go = GoRequirement.ForService(s, c);
        var cgo = c.Cgo ?? s.UsesCgo;
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
            { PackageName = s.Name + "-image" }
            : null;
        return new ServiceModel(
            attr,
            name,
            NixString.Quote(name),
            [.. s.Source.Roots.Select(path)],
            [.. s.Source.ExcludedFiles.Where(f => !ownFiles.Contains(f)).Concat(s.Source.ExcludedModules).Order(StringComparer.Ordinal).Select(path)],
            s.Source.Roots.Contains("."),
            NixString.Quote(s.Module.Dir),
            [.. subPackages.Select(NixString.Quote)],
            NixString.QuoteOrNull(hash.VendorHash),
            hash.ProxyVendor,
            c.Ldflags,
            [.. c.Tags.Select(NixString.Quote)],
            cgo,
            c.DoCheck,
            NixString.Quote(c.Description ?? $"The {s.Name} service ({s.Module.Path})"),
            NixString.Quote(mainProgram),
            NixString.Comment("vendorHash: " + hash.Why),
            image,
            go?.Version,
            go is null ? null : NixString.Comment(go.Why),
            // Cross builds are pure Go: a cgo service would need a C cross toolchain (pkgsCross), so it gets none.
            cgo ? [] : [.. cross.Select(t => new CrossPackageModel(NixString.AttrName($"{name}-{t.Binding}"), $"{name}-{t.Binding}", t.Binding, t.Goos, t.Goarch))])
        {
            // Version variables get the flake's stable `version`; commit variables the commit (`rev`), which rebuilds the
            // service on every commit. The variable names were validated as Go identifiers.
            VersionVariables = [.. c.VersionVariables.Order(StringComparer.Ordinal)],
            CommitVariables = [.. c.CommitVariables.Order(StringComparer.Ordinal)],
            // Its entry in nix/go-sbom.json (used with `sbom: true`): the service and the key of its main packages.
            SbomEntry = new SbomEntry(s.Name, string.Join(" ", subPackages)),
        };
    }
}
