# A model of nixpkgs' lib.fileset (lib/fileset/default.nix; maybeMissing from nixpkgs commit 1cc2c2f1):
# - a path coerces to the set of all files below it, and a path that does not exist is an error ("strict
#   existence checks": only maybeMissing accepts one);
# - unions / difference are set operations on files;
# - toSource copies exactly the files of the set (here with builtins.path and a filter; nixpkgs also leaves out
#   directories that hold no file of the set, which changes no file that `go` sees).
{ lib }:
let
  mk = has: under: {
    _type = "fileset";
    inherit has under;
  };
  empty = mk (_: false) (_: false);
  fromPath =
    context: p:
    if !builtins.pathExists p then
      throw "lib.fileset.${context}: Element (${toString p}) is a path that does not exist. To create a file set from a path that may not exist, use `lib.fileset.maybeMissing`."
    else
      let
        s = toString p;
      in
      # `has f`: file f is in the set; `under d`: directory d may hold a file of the set.
      mk (f: f == s || lib.hasPrefix (s + "/") f) (d: d == s || lib.hasPrefix (s + "/") d || lib.hasPrefix (d + "/") s);
  coerce =
    context: x:
    if builtins.isAttrs x && x._type or null == "fileset" then
      x
    else if builtins.isPath x then
      fromPath context x
    else
      throw "lib.fileset.${context}: Expected a file set or a path, but got a ${builtins.typeOf x}.";
  unions =
    list:
    let
      sets = map (coerce "unions") list;
    in
    mk (f: builtins.any (s: s.has f) sets) (d: builtins.any (s: s.under d) sets);
in
{
  inherit unions;
  union = a: b: unions [ a b ];
  maybeMissing = p: if builtins.pathExists p then fromPath "maybeMissing" p else empty;
  difference =
    a: b:
    let
      x = coerce "difference" a;
      y = coerce "difference" b;
    in
    mk (f: x.has f && !y.has f) (d: x.under d && !y.has d);
  toSource =
    { root, fileset }:
    let
      fs = coerce "toSource" fileset;
    in
    builtins.path {
      name = "source";
      path = root;
      filter = path: type: if type == "directory" then fs.under path else fs.has path;
    };
}
