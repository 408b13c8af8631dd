using NixGen.Config;
using NixGen.Discovery;

namespace NixGen.Sbom;

/// <summary>One document <c>nixgen sbom</c> writes: a package of the flake (native or cross) and the target it is built for.</summary>
/// <param name="Name">The package's name in the flake (<c>orders</c>, <c>orders-linux-arm64</c>).</param>
/// <param name="Mains">Its key in nix/go-sbom.json (its main packages).</param>
internal sealed record SbomPackage(string Service, string Name, string Mains, string Goos, string Goarch)
{
    /// <summary>The packages of a service on <paramref name="system"/>, named as the flake names them.</summary>
    public static IEnumerable<SbomPackage> Of(Service s, NixGenConfig config, string system)
    {
        var c = config.For(s.Module.Dir);
        var native = BuildContext.OfSystem(system) ?? throw new ConfigException($"--system: Go has no port for {system}");
        foreach (var mains in SbomData.Packages(s, c))
        {
            var binary = (mains[0] == "." ? s.Module.Path : s.Module.Path + "/" + mains[0]).Split('/')[^1];
            var name = mains.Count > 1 || s.Module.MainPackages.Count == 1 || !c.SeparateBinaries || binary == s.Name ? s.Name : $"{s.Name}-{binary}";
            var key = SbomData.KeyOf(mains);
            yield return new SbomPackage(s.Name, name, key, native.Goos, native.Goarch);
            if (!(c.Cgo ?? s.UsesCgo))
            {
                foreach (var t in config.Cross)
                {
                    yield return new SbomPackage(s.Name, $"{name}-{t.GoOs}-{t.GoArch}", key, t.GoOs, t.GoArch);
                }
            }
        }
    }

    /// <summary>The Nix system of this machine (<c>x86_64-linux</c>).</summary>
    public static string HostSystem()
    {
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
            System.Runtime.InteropServices.Architecture.X86 => "i686",
            _ => "x86_64",
        };
        return arch + "-" + (OperatingSystem.IsMacOS() ? "darwin" : "linux");
    }
}
