# nixgen's test model of the nixpkgs flake: the parts a generated flake uses, built on *real* derivations that run
# the host's bash, coreutils and go (sandbox off, no substituters), so `nix build` of a generated flake really
# vendors through a fixed-output derivation with the generated vendorHash, and really compiles.
#
# Behaviour is read from nixpkgs, not invented; each file says what it models and from where. `host.json`
# (written by the tests) names the host's tools and the release to model (see releases.nix).
{
  description = "nixgen test model of nixpkgs (real derivations, host tools)";

  outputs =
    { self }:
    let
      host = builtins.fromJSON (builtins.readFile ./host.json);
      release = (import ./releases.nix).${host.release};
      lib = import ./lib.nix { inherit release; };
    in
    {
      inherit lib;
      legacyPackages = lib.genAttrs [
        "aarch64-darwin"
        "aarch64-linux"
        "x86_64-darwin"
        "x86_64-linux"
      ] (system: import ./pkgs.nix { inherit lib host system release; });
    };
}
