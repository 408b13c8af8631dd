# Stands in for nixgen's own flake (the `devShell.nixgen` input of a generated flake), offline.
{
  inputs.nixpkgs.url = "path:/nonexistent-model";

  outputs =
    { nixpkgs, ... }:
    {
      packages = builtins.mapAttrs (_: pkgs: { default = pkgs.gotools; }) nixpkgs.legacyPackages;
    };
}
