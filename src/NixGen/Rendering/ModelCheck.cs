using NixGen.Config;
using NixGen.Discovery;
using NixGen.Naming;

namespace NixGen.Rendering;

/// <summary>
/// The checks of nixgen.yaml against the repository that the flake's model relies on and that need no hash: a
/// <c>mainProgram:</c> naming a binary the service builds, one package per package name, a <c>default:</c> naming a
/// service. <see cref="Validate"/> runs them all, so a run can refuse the configuration right after loading the
/// project, before any hashing; <see cref="FlakeModelBuilder"/> runs the same checks.
/// </summary>
internal static class ModelCheck
{
    /// <summary>Throws <see cref="ConfigException"/> (with nixgen.yaml's line:col) at the first problem.</summary>
    public static void Validate(Repository repo, NixGenConfig config)
    {
        var packages = repo.Services.SelectMany(s => Packages(s, config.For(s.Module.Dir), config.Where)).ToList();
        CheckUnique(packages, config);
        _ = DefaultService(repo, config);
    }

    /// <summary>A package of a service: its name, its main packages, its binary, and whether it carries the service's image.</summary>
    internal sealed record Package(Service Service, string Name, IReadOnlyList<string> SubPackages, string MainProgram, bool WithImage);

    /// <summary>
    /// The packages of a service: one with every binary, or (<c>binaries: separate</c>) one per main package, named
    /// <c>&lt;service&gt;-&lt;binary&gt;</c> (the binary named like the service keeps the service's name).
    /// </summary>
    /// <param name="where">Where a nixgen.yaml key sits (<see cref="NixGenConfig.Where"/>), for errors.</param>
    internal static IReadOnlyList<Package> Packages(Service s, ServiceConfig c, Func<string, string> where)
    {
        var mains = Mains(s);
        var mainProgram = MainProgram(s, c, mains, where);
        if (!c.SeparateBinaries || mains.Count == 1)
        {
            return [new Package(s, s.Name, s.Module.MainPackages, mainProgram, WithImage: true)];
        }

        return [.. mains.Select(m => new Package(s, BinaryPackage(s, m.Binary), [m.Package], m.Binary, WithImage: m.Binary == mainProgram))];
    }

    /// <summary>
    /// The service that is <c>packages.default</c>: <c>default:</c>, else the only service, else none. Throws when
    /// <c>default:</c> names no service.
    /// </summary>
    internal static string? DefaultService(Repository repo, NixGenConfig config)
    {
        var defaultName = config.DefaultService ?? (repo.Services.Count == 1 ? repo.Services[0].Name : null);
        if (defaultName is not null && repo.Services.All(s => s.Name != defaultName))
        {
            throw new ConfigException($"{config.Where("default")}: default: no service is named \"{defaultName}\" (services: {string.Join(", ", repo.Services.Select(s => s.Name))})");
        }

        return defaultName;
    }

    /// <summary>The package of one binary of a service built as a package per binary (<c>binaries: separate</c>).</summary>
    internal static string BinaryPackage(Service s, string binary) => binary == s.Name ? s.Name : $"{s.Name}-{binary}";

    /// <summary>
    /// The main packages of a service with their binaries: <c>go install</c> names a binary after its package's import
    /// path (<see cref="PackageNames.Binary"/>: a /vN suffix is skipped).
    /// </summary>
    internal static IReadOnlyList<(string Package, string Binary)> Mains(Service s) =>
        [.. s.Module.MainPackages.Select(p => (p, PackageNames.Binary(p == "." ? s.Module.Path : s.Module.Path + "/" + p)))];

    // The service's program is the configured one, else the main package named like the service, else the module
    // root's, else the first.
    private static string MainProgram(Service s, ServiceConfig c, IReadOnlyList<(string Package, string Binary)> mains, Func<string, string> where)
    {
        if (c.MainProgram is { } configured && mains.All(m => m.Binary != configured))
        {
            throw new ConfigException($"{where($"services.{s.Module.Dir}.mainProgram")}: services.{s.Module.Dir}.mainProgram: the service has no binary \"{configured}\" (it builds {string.Join(", ", mains.Select(m => m.Binary))})");
        }

        return c.MainProgram ?? mains.FirstOrDefault(m => m.Binary == s.Name).Binary
            ?? (mains.FirstOrDefault(m => m.Package == ".").Binary ?? mains[0].Binary);
    }

    /// <summary>Every package name (services, cross targets, images) names one package only.</summary>
    private static void CheckUnique(IReadOnlyList<Package> packages, NixGenConfig config)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in packages)
        {
            var c = config.For(p.Service.Module.Dir);
            var cgo = c.Cgo ?? p.Service.UsesCgo;
            var names = new List<(string Name, string What)> { (p.Name, "the service") };
            // Cross builds are pure Go: a cgo service gets none.
            names.AddRange(cgo ? [] : config.Cross.Select(t => ($"{p.Name}-{t.GoOs}-{t.GoArch}", $"its {t.GoOs}/{t.GoArch} build")));
            if (c.Image.Enabled && p.WithImage)
            {
                names.Add((p.Service.Name + "-image", "its image"));
            }

            foreach (var (name, what) in names)
            {
                if (owner.TryGetValue(name, out var other))
                {
                    // A clash is reported where the service's name comes from: its nixgen.yaml entry, else its directory.
                    var dir = p.Service.Module.Dir;
                    var where = config.Services.ContainsKey(dir) ? config.Where($"services.{dir}.name") : dir + "/go.mod";
                    throw new ConfigException($"{where}: package name \"{name}\" would be both {other} and {what} of {p.Name}; rename a service under services: (name:)");
                }

                owner[name] = $"{what} of {p.Name}";
            }
        }
    }
}
