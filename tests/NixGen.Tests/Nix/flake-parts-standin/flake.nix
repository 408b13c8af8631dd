# A minimal stand-in for hercules-ci/flake-parts, which is not available offline: `lib.mkFlake` evaluates
# the top-level module and its `imports` (paths, functions of { self, lib, inputs, ... } or attribute
# sets) and merges their `perSystem` packages, checks and devShells for each of `systems`. Enough for a
# flake that imports nixgen's flake-parts module the way it would with the real flake-parts.
{
  outputs =
    { self }:
    {
      lib.mkFlake =
        { inputs }:
        module:
        let
          inherit (inputs.nixpkgs) lib;
          args = {
            inherit lib inputs;
            inherit (inputs) self;
          };
          load =
            m:
            if builtins.isFunction m then
              m args
            else if builtins.isPath m then
              load (import m)
            else
              m;
          top = load module;
          modules = [ top ] ++ map load (top.imports or [ ]);
          perSystem =
            system:
            map (
              m:
              (m.perSystem or (_: { })) {
                inherit system;
                pkgs = inputs.nixpkgs.legacyPackages.${system};
              }
            ) modules;
          merge = system: kind: builtins.foldl' (acc: r: acc // (r.${kind} or { })) { } (perSystem system);
          forSystems = kind: lib.genAttrs top.systems (system: merge system kind);
        in
        {
          packages = forSystems "packages";
          checks = forSystems "checks";
          devShells = forSystems "devShells";
        };
    };
}
