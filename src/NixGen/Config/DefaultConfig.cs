namespace NixGen.Config;

/// <summary>The nixgen.yaml <c>init</c> writes: every discovered service named, the rest as commented examples.</summary>
internal static class DefaultConfig
{
    /// <param name="services">The discovered services: directory and name, in the repository's order.</param>
    /// <param name="output">The output mode <c>init</c> chose (a hand-written flake.nix: module or flake-parts).</param>
    public static string Text(IReadOnlyList<(string Dir, string Name)> services, string? ci, OutputMode output = OutputMode.Flake)
    {
        var lines = new List<string>
        {
            "# nixgen configuration: see the README (\"nixgen.yaml reference\") for every key.",
            "description: Go services of this repository",
            $"nixpkgs: {NixGenConfig.DefaultNixpkgs}",
            output == OutputMode.Flake ? "# output: flake  (or module / flake-parts, to keep a flake.nix of your own)" : OutputLines(output),
            "# The packages' version, the same on every commit (so unchanged services are never rebuilt).",
            $"version: {NixGenConfig.DefaultVersion}",
            "systems: [aarch64-darwin, aarch64-linux, x86_64-darwin, x86_64-linux]",
            services.Count == 1 ? $"# default: {YamlScalar.Of(services[0].Name)}  (the only service is the default)" : "# default: <service>  (packages.default)",
            "hashing:",
            "  strategy: local",
            "# cross: [linux/amd64, linux/arm64, darwin/arm64]",
            "# cachix:",
            "#   - name: my-cache",
            "#     publicKey: my-cache.cachix.org-1:<base64 key>",
            ci is null ? "# ci:\n#   provider: github" : $"ci:\n  provider: {ci}\n  dependabot: false\n  renovate: false",
            "services:",
        };
        foreach (var s in services)
        {
            lines.Add($"  {YamlScalar.Of(s.Dir)}:");
            lines.Add($"    name: {YamlScalar.Of(s.Name)}");
        }

        return string.Join("\n", lines) + "\n";
    }

    /// <summary>
    /// The user's nixgen.yaml (which does not say <c>output:</c>) with the mode <c>init</c> chose for a hand-written
    /// flake.nix: two lines added after the leading comments, every other byte kept.
    /// </summary>
    /// <remarks>A byte-order mark stays first and the added lines end like the file's (CRLF when it uses CRLF).</remarks>
    public static string WithOutput(string text, OutputMode output)
    {
        var bom = text.StartsWith('\uFEFF') ? "\uFEFF" : "";
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text[bom.Length..].Split('\n').ToList();
        var at = 0;
        while (at < lines.Count && (lines[at].TrimStart().StartsWith('#') || lines[at].Trim().Length == 0 || lines[at].TrimEnd() == "---"))
        {
            at++;
        }

        if (at < lines.Count && lines[at].TrimStart().StartsWith('{'))
        {
            throw new ConfigException($"nixgen.yaml:{at + 1}:1: flake.nix is hand-written, so nixgen writes a module for it: add `output: {Name(output)}` to this mapping (or use --force to replace flake.nix)");
        }

        lines.Insert(at, OutputLines(output).Replace("\n", newline, StringComparison.Ordinal) + (newline == "\r\n" ? "\r" : ""));
        return bom + string.Join("\n", lines);
    }

    private static string OutputLines(OutputMode output) =>
        $"# Your flake.nix stays yours: nixgen writes {(output == OutputMode.FlakeParts ? "a flake-parts module" : "its Go services")} to {NixGenConfig.DefaultOutputFile}.\noutput: {Name(output)}";

    private static string Name(OutputMode output) => output == OutputMode.FlakeParts ? "flake-parts" : "module";
}
