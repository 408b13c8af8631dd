using NixGen.Discovery;

namespace NixGen.Config;

/// <summary>The nixgen.yaml <c>init</c> writes: every discovered service named, the rest as commented examples.</summary>
internal static class DefaultConfig
{
    /// <param name="output">The output mode <c>init</c> chose (a hand-written flake.nix: module or flake-parts).</param>
    public static string Text(Repository repo, string? ci, OutputMode output = OutputMode.Flake)
    {
        var lines = new List<string>
        {
            "# nixgen configuration: see the README (\"nixgen.yaml reference\") for every key.",
            "description: Go services of this repository",
            $"nixpkgs: {NixGenConfig.DefaultNixpkgs}",
            output switch
            {
                OutputMode.Module => $"# Your flake.nix stays yours: nixgen writes its Go services to {NixGenConfig.DefaultOutputFile}.\noutput: module",
                OutputMode.FlakeParts => $"# Your flake.nix stays yours: nixgen writes a flake-parts module to {NixGenConfig.DefaultOutputFile}.\noutput: flake-parts",
                _ => "# output: flake  (or module / flake-parts, to keep a flake.nix of your own)",
            },
            "# The packages' version, the same on every commit (so unchanged services are never rebuilt).",
            $"version: {NixGenConfig.DefaultVersion}",
            "systems: [aarch64-darwin, aarch64-linux, x86_64-darwin, x86_64-linux]",
            repo.Services.Count == 1 ? $"# default: {YamlScalar.Of(repo.Services[0].Name)}  (the only service is the default)" : "# default: <service>  (packages.default)",
            "hashing:",
            "  strategy: local",
            "# cross: [linux/amd64, linux/arm64, darwin/arm64]",
            "# cachix:",
            "#   - name: my-cache",
            "#     publicKey: my-cache.cachix.org-1:<base64 key>",
            ci is null ? "# ci:\n#   provider: github" : $"ci:\n  provider: {ci}\n  dependabot: false\n  renovate: false",
            "services:",
        };
        foreach (var s in repo.Services)
        {
            lines.Add($"  {YamlScalar.Of(s.Module.Dir)}:");
            lines.Add($"    name: {YamlScalar.Of(s.Name)}");
        }

        return string.Join("\n", lines) + "\n";
    }
}
