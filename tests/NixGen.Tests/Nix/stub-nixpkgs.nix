# A stand-in for the nixpkgs flake input, enough to *evaluate* a generated flake offline: the lib functions and
# packages the templates use, with buildGoModule/dockerTools/mkShell returning their arguments (plus what
# buildGoModule derives from `go`) instead of derivations. A typo, an undefined name or a wrong argument in a
# template fails evaluation here; `nix-instantiate --parse` alone would not notice.
# `extra`: names of further packages (the dev shell's configured extras).
{
  extra ? [ ],
}:
let
  lib = {
    id = x: x;
    genAttrs =
      names: f:
      builtins.listToAttrs (
        map (n: {
          name = n;
          value = f n;
        }) names
      );
    mapAttrs = builtins.mapAttrs;
    optionalAttrs = cond: attrs: if cond then attrs else { };
    getExe = drv: "/nix/store/stub-${drv.pname}/bin/${drv.meta.mainProgram}";
    fileset = {
      toSource = { root, fileset }: { inherit root fileset; };
      unions = paths: paths;
      difference = a: b: a ++ map (p: "!" + toString p) b;
      maybeMissing = p: p;
    };
  };

  # A derivation-like attrset with overrideAttrs, as mkDerivation returns.
  withOverride = attrs: attrs // { overrideAttrs = f: withOverride (attrs // f attrs); };

  mkGo = version: {
    pname = "go";
    inherit version;
    outPath = "/nix/store/stub-go-${version}";
    GOOS = "linux";
    GOARCH = "amd64";
  };

  # buildGoModule as nixpkgs builds it: a functor with `override`; GOOS/GOARCH come from `go`.
  builderWith = go: {
    __functor =
      _: args:
      assert args ? pname && args ? vendorHash && args ? src;
      withOverride (
        args
        // {
          inherit go;
          inherit (go) GOOS GOARCH;
          type = "stub-go-module";
        }
      );
    override = o: builderWith (o.go or go);
  };

  packagesFor =
    system:
    lib.genAttrs extra (name: "/nix/store/stub-${name}")
    // rec {
    stdenv.hostPlatform = {
      inherit system;
      isLinux = builtins.match ".*-linux" system != null;
    };
    go_1_20 = mkGo "1.20";
    go_1_21 = mkGo "1.21";
    go_1_22 = mkGo "1.22";
    go_1_23 = mkGo "1.23";
    go_1_24 = mkGo "1.24";
    go_1_25 = mkGo "1.25";
    go = go_1_23;
    buildGoModule = builderWith go;
    dockerTools.buildLayeredImage = args: args // { type = "stub-image"; };
    mkShell = args: args // { type = "stub-shell"; };
    cacert = "cacert";
    tzdata = "tzdata";
    gopls = "gopls";
    golangci-lint = "golangci-lint";
    delve = "delve";
    gotools = "gotools";
    nixfmt-rfc-style = "nixfmt-rfc-style";
  };
in
{
  inherit lib;
  legacyPackages = lib.genAttrs [
    "aarch64-darwin"
    "aarch64-linux"
    "x86_64-darwin"
    "x86_64-linux"
  ] packagesFor;
}
