using NixGen.Config;
using NixGen.Discovery;
using NixGen.Nix;
using NixGen.Planning;

namespace NixGen.Rendering;

/// <summary>Turns the repository, its configuration and the hash results into the template's model.</summary>
internal static class FlakeModelBuilder
{
    public static FlakeModel Build(Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes)
    {
        var go = GoRequirement.Of(repo, config);
        var cross = config.Cross.Select(c => new CrossModel(c.GoOs, c.GoArch)).ToList();
        var services = repo.Services.Select(s => Service(s, config.For(s.Module.Dir), hashes[s.Name], cross)).ToList();
        CheckUnique(services);
        var defaultService = config.DefaultService ?? (repo.Services.Count == 1 ? repo.Services[0].Name : null);
        if (defaultService is not null && repo.Services.All(s => s.Name != defaultService))
        {
            throw new ConfigException($"nixgen.yaml: default: no service is named \"{defaultService}\" (services: {string.Join(", ", repo.Services.Select(s => s.Name))})");
        }

        return new FlakeModel(
            NixString.Quote(config.Description),
            NixString.Quote(config.Nixpkgs),
            [.. config.Systems.Order(StringComparer.Ordinal).Select(NixString.Quote)],
            [.. config.Caches.Select(c => NixString.Quote(c.Url))],
            [.. config.Caches.Select(c => NixString.Quote(c.PublicKey))],
            go.Version is { } v ? NixString.Quote(v) : null,
            NixString.Comment(go.Why),
            services,
            defaultService is null ? null : NixString.AttrName(defaultService),
            cross,
            services.Any(s => s.Image is not null),
            config.DevShellPackages,
            NixString.Quote(config.Version),
            repo.Services.Any(s => config.For(s.Module.Dir).CommitVariables.Count > 0),
            config.NixgenFlake is { } n ? NixString.Quote(n) : null,
            services.Any(s => s.Cross.Count > 0),
            repo.Services.Any(s => s.Source.Roots.Contains(".")) ? [.. SourceSet.GeneratedAtRoot.Select(NixString.RepoPath)] : [],
            NixString.AttrName(config.OverlayAttr),
            config.ChecksCross,
            config.ChecksImages);
    }

    /// <summary>Every package name (services, cross targets, images) names one package only.</summary>
    private static void CheckUnique(IReadOnlyList<ServiceModel> services)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            var names = new List<(string Name, string What)> { (s.Name, "the service") };
            names.AddRange(s.Cross.Select(c => (c.Name, $"its {c.Goos}/{c.Goarch} build")));
            if (s.Image is not null)
            {
                names.Add((s.Name + "-image", "its image"));
            }

            foreach (var (name, what) in names)
            {
                if (owner.TryGetValue(name, out var other))
                {
                    throw new ConfigException($"nixgen.yaml: package name \"{name}\" would be both {other} and {what} of {s.Name}; rename a service under services: (name:)");
                }

                owner[name] = $"{what} of {s.Name}";
            }
        }
    }

    private static ServiceModel Service(Service s, ServiceConfig c, VendorResult hash, IReadOnlyList<CrossModel> cross)
    {
        var go = GoRequirement.ForService(s, c);
        var cgo = c.Cgo ?? s.UsesCgo;
        // Version variables get the flake's stable `version`; commit variables the commit (`rev`), which rebuilds the
        // service on every commit. The variable names were validated as Go identifiers.
        var ldflags = c.Ldflags.Select(NixString.Quote)
            .Concat(c.VersionVariables.Order(StringComparer.Ordinal).Select(v => $"\"-X {v}=${{version}}\""))
            .Concat(c.CommitVariables.Order(StringComparer.Ordinal).Select(v => $"\"-X {v}=${{rev}}\""));
        var attr = NixString.AttrName(s.Name);
        var image = c.Image.Enabled
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
        // `go install` names a binary after the last element of its package's import path. The service's program is
        // the main package named like the service, else the module root's, else the first.
        var binaries = s.Module.MainPackages.Select(p => (p == "." ? s.Module.Path : s.Module.Path + "/" + p).Split('/')[^1]).ToList();
        var mainProgram = binaries.FirstOrDefault(b => b == s.Name)
            ?? (s.Module.MainPackages.Contains(".") ? binaries[s.Module.MainPackages.ToList().IndexOf(".")] : binaries[0]);
        var builderArgs = (go, cgo) switch
        {
            (null, false) => "{ }",
            (null, true) => "{ cgo = 1; }",
            ({ } g, false) => $"{{ go = goAtLeast pkgs.buildPackages {NixString.Quote(g.Version!)}; }}",
            ({ } g, true) => $"{{ go = goAtLeast pkgs.buildPackages {NixString.Quote(g.Version!)}; cgo = 1; }}",
        };
        return new ServiceModel(
            attr,
            s.Name,
            NixString.Quote(s.Name),
            [.. s.Source.Roots.Select(NixString.RepoPath)],
            [.. s.Source.ExcludedFiles.Where(f => !SourceSet.GeneratedAtRoot.Contains(f)).Concat(s.Source.ExcludedModules).Order(StringComparer.Ordinal).Select(NixString.RepoPath)],
            s.Source.Roots.Contains("."),
            NixString.Quote(s.Module.Dir),
            [.. s.Module.MainPackages.Select(NixString.Quote)],
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
            cgo ? [] : [.. cross.Select(t => new CrossPackageModel(NixString.AttrName($"{s.Name}-{t.Binding}"), $"{s.Name}-{t.Binding}", t.Binding, t.Goos, t.Goarch))]);
    }
}
