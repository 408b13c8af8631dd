using NixGen.Config;
using NixGen.Discovery;
using NixGen.Hashing;

namespace NixGen.Rendering;

/// <summary>Turns the repository, its configuration and the hash results into the template's model.</summary>
public static class FlakeModelBuilder
{
    public static FlakeModel Build(Repository repo, NixGenConfig config, IReadOnlyDictionary<string, VendorResult> hashes, string goAttr, string goComment)
    {
        var cross = config.Cross.Select(c => new CrossModel(c.GoOs, c.GoArch)).ToList();
        var services = repo.Services.Select(s => Service(s, config.For(s.Module.Dir), hashes[s.Name], config.Nixpkgs, cross)).ToList();
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
            goAttr,
            NixString.Comment(goComment),
            services,
            defaultService is null ? null : NixString.AttrName(defaultService),
            cross,
            services.Any(s => s.Image is not null),
            config.DevShellPackages,
            config.Version is { } v ? NixString.Quote(v) : "self.shortRev or self.dirtyShortRev or \"dirty\"",
            config.NixgenFlake is { } n ? NixString.Quote(n) : null,
            services.Any(s => s.Cross.Count > 0),
            GoPin.CgoInEnv(config.Nixpkgs),
            repo.Services.Any(s => s.Source.Roots.Contains(".")) ? [.. SourceSet.GeneratedAtRoot.Select(NixString.RepoPath)] : []);
    }

    private static ServiceModel Service(Service s, ServiceConfig c, VendorResult hash, string nixpkgs, IReadOnlyList<CrossModel> cross)
    {
        var go = c.Go is { } pinned ? GoPin.Attr(pinned, nixpkgs) : default;
        var cgo = c.Cgo ?? s.UsesCgo;
        // Version variables interpolate the flake's `version`; the variable names were validated as Go identifiers.
        var ldflags = c.Ldflags.Select(NixString.Quote).Concat(c.VersionVariables.Order(StringComparer.Ordinal).Select(v => $"\"-X {v}=${{version}}\""));
        var image = c.Image.Enabled
            ? new ImageModel(
                NixString.AttrName(s.Name + "-image"),
                NixString.Quote(c.Image.Name ?? s.Name),
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
        return new ServiceModel(
            NixString.AttrName(s.Name),
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
            go.Attr,
            go.Attr is null ? null : $"Go {c.Go}, pinned for this service by `services.{s.Module.Dir}.go` in nixgen.yaml{go.Note}.",
            // Cross builds are pure Go: a cgo service would need a C cross toolchain (pkgsCross), so it gets none.
            cgo ? [] : cross);
    }
}
