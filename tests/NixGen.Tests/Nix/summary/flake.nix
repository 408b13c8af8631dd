# Evaluates a generated flake (input `subject`) against the model of nixpkgs (input `nixpkgs`, which the subject
# follows) and summarises what the tests check, forcing every derivation of every system. Both inputs are
# replaced with --override-input.
{
  inputs = {
    nixpkgs.url = "path:/nonexistent-model";
    subject = {
      url = "path:/nonexistent-subject";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs =
    { subject, ... }:
    let
      attrOr = name: default: attrs: if attrs ? ${name} then attrs.${name} else default;
      package = p: {
        drv = p.drvPath;
        inherit (p) name;
        GOOS = attrOr "GOOS" null p;
        GOARCH = attrOr "GOARCH" null p;
        CGO_ENABLED = attrOr "CGO_ENABLED" null p;
        doCheck = attrOr "doCheck" null p;
        dontStrip = attrOr "dontStrip" null p;
        mainProgram = p.meta.mainProgram or null;
        goModules = if p ? goModules && p.goModules != "" then p.goModules.name else null;
        go = if p ? go then p.go.version else null;
        vendorHash = attrOr "vendorHash" null p;
        proxyVendor = p.proxyVendor or false;
        modRoot = attrOr "modRoot" null p;
      };
    in
    {
      summary = builtins.mapAttrs (system: packages: {
        packages = builtins.mapAttrs (_: package) packages;
        apps = builtins.mapAttrs (_: a: a.program) subject.apps.${system};
        checks = builtins.mapAttrs (_: c: c.drvPath) subject.checks.${system};
        shell = subject.devShells.${system}.default.drvPath;
        formatter = subject.formatter.${system}.name;
        overlay = builtins.attrNames (subject.overlays.default subject.inputs.nixpkgs.legacyPackages.${system} { });
      }) subject.packages;
    };
}
