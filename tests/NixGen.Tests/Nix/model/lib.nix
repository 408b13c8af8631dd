# The lib functions generated flakes use, with nixpkgs' semantics (lib/trivial.nix, lib/attrsets.nix,
# lib/lists.nix, lib/strings.nix, lib/meta.nix; lib.fileset in ./fileset.nix).
{ release }:
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
    inherit (builtins) mapAttrs concatStringsSep;
    optionalAttrs = cond: attrs: if cond then attrs else { };
    optional = cond: x: if cond then [ x ] else [ ];
    optionals = cond: xs: if cond then xs else [ ];
    optionalString = cond: s: if cond then s else "";
    hasPrefix = p: s: builtins.substring 0 (builtins.stringLength p) s == p;
    importJSON = path: builtins.fromJSON (builtins.readFile path);
    concatMapStrings = f: list: builtins.concatStringsSep "" (map f list);
    range = first: last: if first > last then [ ] else builtins.genList (n: first + n) (last - first + 1);
    versionAtLeast = v1: v2: builtins.compareVersions v1 v2 >= 0;
    # lib/strings.nix (nixpkgs 26.11, as since 23.05): a word of shell-safe characters stays bare, anything else is
    # single-quoted with ' as '\''.
    escapeShellArg =
      arg:
      let
        string = toString arg;
      in
      if builtins.match "[[:alnum:],._+:@%/-]+" string == null then
        "'${builtins.replaceStrings [ "'" ] [ "'\\''" ] string}'"
      else
        string;
    # lib/versions.nix: majorMinor = v: concatStringsSep "." (take 2 (splitVersion v)).
    versions.majorMinor =
      v:
      let
        parts = builtins.splitVersion v;
      in
      builtins.concatStringsSep "." (builtins.genList (builtins.elemAt parts) (if builtins.length parts < 2 then builtins.length parts else 2));
    # lib.warn prints "evaluation warning: ..." (trace: warning: on older Nix); tests fail on any.
    warn = msg: builtins.trace "warning: ${msg}";
    trivial = {
      inherit (release) release;
    };
    # lib/meta.nix: getExe x = "${getBin x}/bin/${x.meta.mainProgram}" (with a warning when mainProgram is unset).
    getExe =
      x:
      if x ? meta.mainProgram then
        "${x}/bin/${x.meta.mainProgram}"
      else
        builtins.trace "warning: getExe: ${x.name or "package"} does not have the meta.mainProgram attribute" "${x}/bin/${x.pname or x.name}";
    fileset = import ./fileset.nix { inherit lib; };
  };
in
lib
