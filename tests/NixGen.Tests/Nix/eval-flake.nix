# Evaluates a generated flake's outputs against stub-nixpkgs.nix and summarises every package of one system.
{
  flake,
  system ? "x86_64-linux",
  extra ? [ ],
}:
let
  f = import flake;
  stub = import ./stub-nixpkgs.nix { inherit extra; };
  inputs = builtins.intersectAttrs (builtins.functionArgs f.outputs) {
    self = outputs // { shortRev = "abc1234"; };
    nixpkgs = stub;
    nixgen.packages = builtins.mapAttrs (_: _: { default = "nixgen"; }) stub.legacyPackages;
  };
  outputs = f.outputs inputs;
  summary =
    p:
    if p.type == "stub-image" then
      { inherit (p) type name tag; entrypoint = p.config.Entrypoint; }
    else
      {
        inherit (p) type pname version modRoot GOOS GOARCH vendorHash;
        go = p.go.version;
        proxyVendor = p.proxyVendor or false;
        cgo = if p ? env.CGO_ENABLED then "env:${toString p.env.CGO_ENABLED}" else if p ? CGO_ENABLED then "top:${toString p.CGO_ENABLED}" else "unset";
        doCheck = p.doCheck or true;
        movesCrossBinaries = builtins.match ".*mv .*" (p.postInstall or "") != null;
        subPackages = p.subPackages or [ ];
        src = map toString p.src.fileset;
        mainProgram = p.meta.mainProgram;
      };
in
{
  packages = builtins.mapAttrs (_: summary) outputs.packages.${system};
  apps = builtins.mapAttrs (_: a: a.program) outputs.apps.${system};
  checks = builtins.attrNames outputs.checks.${system};
  shell = map toString outputs.devShells.${system}.default.packages;
  overlay = builtins.attrNames (outputs.overlays.default (stub.legacyPackages.${system}) { });
}
