using System.Text.RegularExpressions;
using NixGen.Discovery;
using NixGen.Nix;
using NixGen.Planning;
using NixGen.Processes;

namespace NixGen.Hashing;

/// <summary>
/// The <c>nix</c> strategy: builds the service's vendor fixed-output derivation (<c>goModules</c> of its
/// buildGoModule) from a probe copy of the flake whose vendorHash is the fake hash, and reads the real hash from
/// nix's <c>hash mismatch … got:</c> error. Authoritative (it is exactly what nix will build), slower than local.
/// </summary>
/// <param name="package">The package whose <c>goModules</c> is a service's vendor derivation, as Rendering names it.</param>
internal partial class NixFodHasher(
    ToolRunner runner, string probeDir, string system, IReadOnlyDictionary<string, string?> nixEnvironment, Func<Service, string> package) : IVendorHasher
{
    /// <summary>nixpkgs' <c>lib.fakeHash</c>.</summary>
    public const string FakeHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static readonly Version Minimum = new(2, 4);

    /// <summary>The installable built for a package: <c>path:PROBE#packages.SYSTEM.ATTR.goModules</c>.</summary>
    public static string Installable(string probeDir, string system, string package) =>
        $"path:{probeDir}#packages.{system}.{NixString.AttrName(package)}.goModules";

    /// <summary>Fails with a clear message when nix is missing or older than 2.4 (no flakes, no SRI hashes).</summary>
    public static async Task CheckNixAsync(ToolRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("nix", a => a.Add("--version"), Directory.GetCurrentDirectory(), new Dictionary<string, string?>(), cancellationToken)
            .ConfigureAwait(false);
        var match = VersionPattern().Match(result.StandardOutput);
        if (!match.Success || !Version.TryParse(match.Value, out var version))
        {
            throw new ToolException($"nix: cannot read the version from `nix --version`: {result.StandardOutput.Trim()}", new ToolFailure("nix", ToolFailureKind.Unusable, "nix --version", 0, result.StandardOutput.Trim()));
        }

        if (version < Minimum)
        {
            throw new ToolException($"nix: version {version} is too old for the nix strategy (needs {Minimum} or later for flakes); use `--strategy local` or upgrade nix", new ToolFailure("nix", ToolFailureKind.Unusable, "nix --version", 0, result.StandardOutput.Trim()));
        }
    }

    public async Task<VendorResult> HashAsync(Repository repo, Service service, CancellationToken cancellationToken)
    {
        if (VendorShortcuts.Classify(service) is { } known)
        {
            return known;
        }

        var installable = Installable(probeDir, system, package(service));
        var result = await runner.RunAsync(
                "nix",
                a => a.Add(["--extra-experimental-features", "nix-command flakes", "build", "--no-link", installable]),
                probeDir,
                nixEnvironment,
                cancellationToken,
                throwOnFailure: false)
            .ConfigureAwait(false);
        var output = result.StandardError + "\n" + result.StandardOutput;
        if (result.ExitCode == 0)
        {
            throw new ToolException($"nix built {installable} with the fake hash {FakeHash}: the package's goModules is not a fixed-output derivation of its vendorHash (check .nixgen/templates)",
                new ToolFailure("nix", ToolFailureKind.Unusable, "nix build " + installable, 0), service.Name);
        }

        if (NixHashMismatch.TryReadGot(output) is { } got)
        {
            return new VendorResult(got, false, "read from nix's build of the vendor derivation (nix strategy)");
        }

        if (output.Contains(NixHashMismatch.EmptyVendorMarker, StringComparison.Ordinal))
        {
            return new VendorResult(null, false, "nix: vendor folder is empty, nothing to vendor");
        }

        var tail = string.Join("\n    ", output.Trim().Split('\n').TakeLast(20).Select(l => l.TrimEnd()));
        throw new ToolException($"nix build of {installable} failed (exit {result.ExitCode}) without a hash mismatch:\n    {tail}",
            new ToolFailure("nix", ToolFailureKind.Failed, "nix build " + installable, result.ExitCode, output.Trim()), service.Name);
    }

    [GeneratedRegex(@"\d+\.\d+(\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
