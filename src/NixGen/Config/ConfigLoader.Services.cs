using NixGen.Nix;

namespace NixGen.Config;

/// <summary>nixgen.yaml's <c>services:</c>: per-service names, Go variables, images and switches.</summary>
internal partial class ConfigLoader
{
    private static Dictionary<string, ServiceConfig> Services(RawConfig raw, Site site)
    {
        var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
        foreach (var (dir, s) in raw.Services ?? [])
        {
            CheckService(dir, s, site);
            var image = s.Image;
            services[dir.TrimEnd('/')] = new ServiceConfig(
                s.Name,
                s.Description,
                s.Ldflags ?? DefaultService.Ldflags,
                s.VersionVariables ?? [],
                s.CommitVariables ?? [],
                s.Tags ?? [],
                s.Cgo,
                s.DoCheck ?? true,
                new ImageConfig(image?.Enabled ?? image is not null, image?.Name, image?.Tag ?? "latest", image?.Ports ?? [],
                    image?.Env ?? new Dictionary<string, string>(), image?.CaCertificates ?? true, image?.Tzdata ?? false),
                s.Go)
            {
                SeparateBinaries = s.Binaries == "separate",
                ModulesMode = (s.Hashing ?? raw.Hashing?.Mode) == "modules",
                MainProgram = s.MainProgram,
            };
        }

        return services;
    }

    private static void CheckService(string dir, RawService s, Site site)
    {
        if (s.Name is { } name && Discovery.PackageNames.Problem(name) is { } problem)
        {
            throw site.Bad($"services.{dir}.name", problem, "services", dir, "name");
        }

        CheckGoVariables(dir, "commitVariables", s.CommitVariables, "main.commit", site);
        CheckGoVariables(dir, "versionVariables", s.VersionVariables, "main.version or example.com/m/internal/build.Version", site);
        if (s.Image is { } image)
        {
            CheckImage(dir, image, site);
        }

        if (s.Go is { } serviceGo && !GoModules.GoVersions.IsGoVersion(serviceGo))
        {
            throw site.Bad($"services.{dir}.go", $"{UnsafeText.Display(serviceGo)} is not a Go version such as 1.23", "services", dir, "go");
        }

        if (s.Binaries is not (null or "one" or "separate"))
        {
            throw site.Bad($"services.{dir}.binaries", $"{UnsafeText.Display(s.Binaries)} is not one of: one (a package with every binary), separate (a package per main package)", "services", dir, "binaries");
        }

        if (s.Hashing is not (null or "vendor" or "modules"))
        {
            throw site.Bad($"services.{dir}.hashing", $"{UnsafeText.Display(s.Hashing)} is not one of: vendor, modules", "services", dir, "hashing");
        }

        if (s.MainProgram is { } mainProgram && Discovery.PackageNames.Problem(mainProgram) is not null)
        {
            throw site.Bad($"services.{dir}.mainProgram", $"{UnsafeText.Display(mainProgram)} is not a program name", "services", dir, "mainProgram");
        }
    }

    private static void CheckGoVariables(string dir, string key, List<string>? variables, string example, Site site)
    {
        foreach (var (v, i) in (variables ?? []).Select((v, i) => (v, i)))
        {
            if (!GoVariablePattern().IsMatch(v))
            {
                throw site.Bad($"services.{dir}.{key}", $"{UnsafeText.Display(v)} is not a Go variable such as {example}", "services", dir, key, i);
            }
        }
    }

    private static void CheckImage(string dir, RawImage image, Site site)
    {
        if (image.Name is { } imageName && !Discovery.PackageNames.IsImageName(imageName))
        {
            throw site.Bad($"services.{dir}.image.name", $"{UnsafeText.Display(imageName)} is not an OCI image name (lower-case [a-z0-9] parts joined by . _ - and /, optionally after a registry host, e.g. registry.example.com/shop/api)", "services", dir, "image", "name");
        }

        if (image.Tag is { } tag && tag != "version" && !Discovery.PackageNames.IsImageTag(tag))
        {
            throw site.Bad($"services.{dir}.image.tag", $"{UnsafeText.Display(tag)} is not an OCI tag (letters, digits, _ . -, at most 128, not starting with . or -), or `version`", "services", dir, "image", "tag");
        }

        foreach (var (port, i) in (image.Ports ?? []).Select((p, i) => (p, i)))
        {
            if (port is < 1 or > 65535)
            {
                throw site.Bad($"services.{dir}.image.ports", $"{port} is not a TCP port", "services", dir, "image", "ports", i);
            }
        }

        // An image's Env entries are KEY=VALUE strings: a key that is empty or holds `=` would set another variable.
        foreach (var key in (image.Env ?? []).Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Any(char.IsWhiteSpace))
            {
                throw site.Bad($"services.{dir}.image.env", $"{UnsafeText.Display(key)} is not an environment variable name (not empty, no `=` or space)", "services", dir, "image", "env", key);
            }
        }
    }
}
