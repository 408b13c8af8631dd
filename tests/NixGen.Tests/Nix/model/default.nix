# `import <nixpkgs> { inherit system; }` for the model: how a generated default.nix (and any non-flake user)
# gets the package set. Reads the same host.json as the flake.
{
  system ? builtins.currentSystem,
  ...
}:
let
  host = builtins.fromJSON (builtins.readFile ./host.json);
  release = (import ./releases.nix).${host.release};
  lib = import ./lib.nix { inherit release; };
in
import ./pkgs.nix {
  inherit
    lib
    host
    system
    release
    ;
}
