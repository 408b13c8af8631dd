namespace NixGen.Config;

/// <summary>What nixgen generates (<c>output:</c> in nixgen.yaml).</summary>
internal enum OutputMode
{
    /// <summary>A standalone flake.nix (a repository without one).</summary>
    Flake,

    /// <summary>A plain Nix function in a file nixgen owns (<c>nix/go-services.nix</c>); the user's flake imports it.</summary>
    Module,

    /// <summary>The same as a flake-parts module, for <c>imports = [ ./nix/go-services.nix ];</c>.</summary>
    FlakeParts,
}
