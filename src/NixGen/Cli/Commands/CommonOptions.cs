using System.CommandLine;

namespace NixGen.Cli.Commands;

/// <summary>Options several commands share (each command adds the ones it takes).</summary>
internal static class CommonOptions
{
    public static Option<bool> Force() => new("--force") { Description = "init: overwrite a hand-written flake.nix; update/hash: re-hash every service" };

    public static Option<bool> Verify() => new("--verify") { Description = "Cross-check every computed hash with `nix hash path`" };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable output" };

    public static Option<string?> Strategy()
    {
        var option = new Option<string?>("--strategy") { Description = "Hashing strategy: local (go mod vendor + in-process NAR hash, default) or nix (build the vendor derivation, read nix's hash)" };
        option.AcceptOnlyFromAmong("local", "nix");
        return option;
    }
}
