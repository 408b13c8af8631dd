# The packages of the model for one system and release. buildGoModule follows pkgs/build-support/go/module.nix
# (structure as read at nixpkgs 010277de84ba988922adf23e8cb1ad3890c5ff62, per-release differences in releases.nix):
# - `goModules` is a fixed-output derivation named "${name}-go-modules" (name = "${pname}-${version}") that
#   runs `go mod vendor` in modRoot of the real src (GOPROXY passed as an impure variable, GOTOOLCHAIN=local),
#   fails when src already has vendor/ ("vendor folder exists") or when it produces nothing ("vendor folder is
#   empty"), and has outputHash = vendorHash (recursive);
# - vendorHash = null: no goModules; proxyVendor: `go mod download`'s cache instead of vendor/;
# - the package builds with GOFLAGS -mod=vendor (unless proxyVendor) and -trimpath, GOPROXY=off, copies
#   goModules to vendor/, `go install`s each subPackage with -ldflags/-tags, runs `go test` when doCheck, and
#   copies $GOPATH/bin to $out;
# - GOOS/GOARCH/CGO_ENABLED, by release (goModule):
#   24.11: GOOS/GOARCH set from `go` at the top level (an argument of that name is overridden); CGO_ENABLED a
#          top-level argument defaulting to go.CGO_ENABLED, so an env.CGO_ENABLED collides;
#   25.05: all three in `env`, from `go`; CGO_ENABLED from env.CGO_ENABLED, else a top-level one (with a
#          warning), else go.CGO_ENABLED; a top-level GOOS/GOARCH collides with env;
#   25.11: like 25.05 without the top-level CGO_ENABLED compatibility: it now collides with env;
# - mkDerivation (pkgs/stdenv/generic/make-derivation.nix) refuses `env` attributes that are also passed to the
#   derivation ("The `env` attribute set cannot contain any attributes passed to derivation").
{
  lib,
  host,
  system,
  release,
}:
let
  platforms = {
    x86_64-linux = {
      GOOS = "linux";
      GOARCH = "amd64";
    };
    aarch64-linux = {
      GOOS = "linux";
      GOARCH = "arm64";
    };
    x86_64-darwin = {
      GOOS = "darwin";
      GOARCH = "amd64";
    };
    aarch64-darwin = {
      GOOS = "darwin";
      GOARCH = "arm64";
    };
  };
  platform = platforms.${system};
  path = "${host.goRoot}/bin:${host.path}";

  # mkDerivation's env handling, then a real derivation running `script` with the host's bash.
  mkDerivation =
    attrs:
    let
      env = attrs.env or { };
      overlap = builtins.filter (n: attrs ? ${n}) (builtins.attrNames env);
      passed = removeAttrs attrs [
        "env"
        "meta"
        "passthru"
        "script"
      ];
    in
    if overlap != [ ] then
      throw "The `env` attribute set cannot contain any attributes passed to derivation. The following attributes are overlapping: ${lib.concatStringsSep ", " overlap}"
    else
      derivation (
        passed
        // env
        // {
          inherit system;
          PATH = path;
          builder = host.bash;
          args = [
            "-euo"
            "pipefail"
            "-c"
            attrs.script
          ];
        }
      );

  # A stand-in package: a real (tiny) derivation, so that images and shells that refer to it build.
  stub =
    name:
    derivation {
      inherit name system;
      builder = host.bash;
      PATH = path;
      args = [
        "-c"
        "mkdir -p $out/bin $out/share && echo ${name} > $out/share/${name}"
      ];
    };

  # overrideAttrs: go is a stdenv.mkDerivation (finalAttrs: …) in nixpkgs (development/compilers/go/1.26.nix,
  # read at 02ed1649d881), so `version` and `src` override together; the model keeps the host's go as the output.
  mkGo =
    version:
    let
      go = {
        pname = "go";
        inherit version;
        name = "go-${version}";
        # The host's go stands in for every go_1_XX of the model (sandbox off): the tests pin go lines it supports.
        outPath = host.goRoot;
        inherit (platform) GOOS GOARCH;
        CGO_ENABLED = 1;
        meta.mainProgram = "go";
        overrideAttrs = f: go // f go;
      };
    in
    go;

  unpack = ''
    cp -r "$src" source
    chmod -R u+w source
    cd source
  '';

  buildGoModuleWith = go: {
    __functor = _: args: goModule go args;
    override = o: buildGoModuleWith (o.go or go);
  };

  goModule =
    go: args':
    let
      name = args'.name or "${args'.pname}-${args'.version}";
      modRoot = args'.modRoot or "./";
      vendorHash = args'.vendorHash or (throw "buildGoModule: vendorHash is missing");
      proxyVendor = args'.proxyVendor or false;
      args = removeAttrs args' [
        "vendorHash"
        "overrideModAttrs"
      ];

      # overrideModAttrs: applied to the vendor derivation's arguments, as (mkDerivation { … }).overrideAttrs does.
      withModOverride = attrs: attrs // (args'.overrideModAttrs or (_: { })) attrs;

      goModules =
        if vendorHash == null then
          ""
        else
          mkDerivation (
            withModOverride {
              name = "${name}-go-modules";
              inherit (args) src;
              inherit (go) GOOS GOARCH;
              GO111MODULE = "on";
              GOTOOLCHAIN = "local";
              impureEnvVars = [
                "http_proxy"
                "https_proxy"
                "ftp_proxy"
                "all_proxy"
                "no_proxy"
                "GIT_PROXY_COMMAND"
                "SOCKS_SERVER"
                "GOPROXY"
              ];
              env = args.env or { };
              script = ''
                ${unpack}
                export HOME=$TMPDIR GOCACHE=$TMPDIR/go-cache GOPATH="$TMPDIR/go"
                cd "${modRoot}"
                if [ -d vendor ]; then
                  echo "vendor folder exists, please set 'vendorHash = null;' in your expression"
                  exit 10
                fi
                ${
                  if proxyVendor then
                    ''
                      mkdir -p "$GOPATH/pkg/mod/cache/download"
                      go mod download
                    ''
                  else
                    ''
                      go mod vendor
                    ''
                }
                mkdir -p vendor
                ${
                  if proxyVendor then
                    ''
                      rm -rf "$GOPATH/pkg/mod/cache/download/sumdb"
                      cp -r "$GOPATH/pkg/mod/cache/download" $out
                    ''
                  else
                    ''
                      cp -r vendor $out
                    ''
                }
                if ! [ "$(ls -A $out)" ]; then
                  echo "vendor folder is empty, please set 'vendorHash = null;' in your expression"
                  exit 10
                fi
              '';
              outputHashMode = "recursive";
              outputHash = vendorHash;
            }
            // lib.optionalAttrs (vendorHash == "") { outputHashAlgo = "sha256"; }
          );

      # Where GOOS/GOARCH/CGO_ENABLED go, per release (see the header).
      platformAttrs =
        attrs:
        if release.goModule == "24.11" then
          {
            inherit (go) GOOS GOARCH;
            CGO_ENABLED = attrs.CGO_ENABLED or go.CGO_ENABLED;
          }
        else
          {
            env = (attrs.env or { }) // {
              inherit (go) GOOS GOARCH;
              CGO_ENABLED =
                attrs.env.CGO_ENABLED or (
                  if release.goModule == "25.05" && attrs ? CGO_ENABLED then
                    lib.warn "buildGoModule: use env.CGO_ENABLED instead of CGO_ENABLED" attrs.CGO_ENABLED
                  else
                    go.CGO_ENABLED
                );
            };
          };

      package =
        attrs:
        let
          drv = mkDerivation (
            removeAttrs attrs (
              [
                "pname"
              "version"
              "subPackages"
              "ldflags"
              "tags"
              "doCheck"
              "postInstall"
              "src"
              "modRoot"
                "proxyVendor"
              ]
              # 25.05 takes a top-level CGO_ENABLED out of the derivation's arguments (excludeDrvArgNames).
              ++ lib.optional (release.goModule == "25.05") "CGO_ENABLED"
            )
            // platformAttrs attrs
            // {
              inherit (attrs) src;
              inherit modRoot name;
              # The toolchain is an input of the build (in nixpkgs a nativeBuildInput; here every go_1_XX is the
              # host's go, so its version stands for it).
              goVersion = go.version;
              GO111MODULE = "on";
              GOTOOLCHAIN = "local";
              GOFLAGS = lib.optionals (!proxyVendor) [ "-mod=vendor" ] ++ [ "-trimpath" ];
              inherit goModules;
              subPackages = attrs.subPackages or [ ];
              ldflags = (attrs.ldflags or [ ]) ++ [ "-buildid=" ];
              tags = attrs.tags or [ ];
              doCheck = attrs.doCheck or true;
              postInstall = attrs.postInstall or "";
              script = ''
                ${unpack}
                export HOME=$TMPDIR GOPATH="$TMPDIR/go" GOPROXY=off GOSUMDB=off
                # The build cache is shared between the model's builds (outputs do not depend on it); builds run
                # as different nixbld users, so go writes it world-writable.
                export GOCACHE=${host.goCache}
                go() { (umask 0000 && command go "$@"); }
                cd "$modRoot"
                ${lib.optionalString (vendorHash != null) (
                  if proxyVendor then
                    ''
                      export GOPROXY=file://$goModules
                    ''
                  else
                    ''
                      rm -rf vendor
                      cp -r $goModules vendor
                    ''
                )}
                flags=(-p 2)
                if [ -n "$tags" ]; then flags+=("-tags=''${tags// /,}"); fi
                flags+=("-ldflags=$ldflags")
                dirs=""
                if [ -n "$subPackages" ]; then
                  for p in $subPackages; do dirs="$dirs ./$p"; done
                else
                  dirs=$(find . -type f -name '*.go' -exec dirname {} \; | grep -v /vendor/ | sort -u)
                fi
                for d in $dirs; do
                  echo "Building subPackage $d"
                  go install "''${flags[@]}" "$d"
                done
                if [ -n "$doCheck" ]; then
                  export GOFLAGS=''${GOFLAGS//-trimpath/}
                  for d in $(find . -type f -name '*_test.go' -exec dirname {} \; | grep -v /vendor/ | sort -u); do
                    go test -vet=off "$d"
                  done
                fi
                mkdir -p $out
                if [ -e "$GOPATH/bin" ]; then cp -r "$GOPATH/bin" $out; fi
                eval "$postInstall"
              '';
            }
          );
        in
        drv
        # mkDerivation merges `passthru` into the package (and keeps it through overrideAttrs); module.nix at
        # 010277de: `passthru = { inherit go goModules vendorHash; } // passthru`.
        // (attrs.passthru or { })
        // {
          inherit (attrs) pname version;
          inherit go goModules vendorHash proxyVendor;
          meta = attrs.meta or { };
          overrideAttrs = f: package (attrs // f attrs);
        };
    in
    package args;


  # The release's Go attributes (all run the host's go), the removed ones as the throwing aliases of aliases.nix.
  goAttrs =
    builtins.mapAttrs (_: mkGo) release.go
    // lib.genAttrs release.removed (name: throw "${name} has been removed from nixpkgs as it is EOL");

  # nixfmt per release (see releases.nix).
  formatters =
    if release.nixfmt == "classic" then
      rec {
        nixfmt-classic = stub "nixfmt-classic";
        nixfmt-rfc-style = stub "nixfmt-rfc-style";
        nixfmt = lib.warn "nixfmt was renamed to nixfmt-classic. The nixfmt attribute may be used for the new RFC 166-style formatter in the future, which is currently available as nixfmt-rfc-style" nixfmt-classic;
      }
    else
      rec {
        nixfmt-classic = stub "nixfmt-classic";
        nixfmt = stub "nixfmt";
        nixfmt-rfc-style = lib.warn "nixfmt-rfc-style is now the same as pkgs.nixfmt which should be used instead." nixfmt;
      };

  pkgs = goAttrs // formatters // rec {
    stdenv.hostPlatform = {
      inherit system;
      isLinux = platform.GOOS == "linux";
      isDarwin = platform.GOOS == "darwin";
    };
    buildPackages = pkgs;
    # nixpkgs' package set carries its lib.
    inherit lib;
    go = goAttrs.${release.defaultGo};
    buildGoModule = buildGoModuleWith go;

    # pkgs/build-support/docker: buildLayeredImage { name, tag, contents, config } (here: the image's config and
    # the store paths it would hold, as a JSON file).
    dockerTools.buildLayeredImage =
      {
        name,
        tag ? null,
        contents ? [ ],
        config ? { },
        ...
      }:
      derivation {
        name = "docker-image-${baseNameOf name}.json";
        inherit system;
        builder = host.bash;
        PATH = path;
        image = builtins.toJSON {
          inherit name tag config;
          contents = map toString contents;
        };
        args = [
          "-c"
          "echo \"$image\" > $out"
        ];
      };

    # mkShell passes what it does not know (GOTOOLCHAIN, say) to mkDerivation as environment variables.
    mkShell =
      args:
      derivation (
        removeAttrs args [ "name" ]
        // {
          name = "nix-shell";
          inherit system;
          builder = host.bash;
          PATH = path;
          packages = args.packages or [ ];
          args = [
            "-c"
            "echo $packages > $out"
          ];
        }
      );

    cacert = stub "cacert";
    tzdata = stub "tzdata";
    gopls = stub "gopls";
    golangci-lint = stub "golangci-lint";
    delve = stub "delve";
    gotools = stub "gotools";
    jq = stub "jq";
    installShellFiles = stub "installShellFiles";
    # pkgs/build-support/fetchurl: a fixed-output derivation with the file's flat hash (here file:// URLs only,
    # the tests' module proxies; anything else cannot be fetched offline).
    # netrcPhase/netrcImpureEnvVars as fetchurl/default.nix has them: the phase runs in the build directory
    # before curl and must leave a `netrc` there (curl gets --netrc-file); the variables are impure, read from
    # the builder's environment (fixed-output derivations only). The model insists on a netrc line for the
    # URL's host, which is what curl would use.
    fetchurl =
      {
        name ? baseNameOf url,
        url,
        hash,
        netrcPhase ? null,
        netrcImpureEnvVars ? [ ],
      }:
      derivation {
        inherit name system url;
        builder = host.bash;
        PATH = path;
        outputHashMode = "flat";
        outputHash = hash;
        impureEnvVars = netrcImpureEnvVars;
        netrcPhase = if netrcPhase == null then "" else netrcPhase;
        args = [
          "-c"
          ''
            set -e
            if [ -n "$netrcPhase" ]; then
              cd "$(mktemp -d)"
              eval "$netrcPhase"
              grep -q '^machine [^ ]* login [^ ]* password [^ ]*$' netrc || { echo "model fetchurl: netrcPhase left no usable netrc" >&2; exit 1; }
            fi
            case $url in
              file://*) cp "''${url#file://}" $out ;;
              *) echo "offline model: cannot fetch $url" >&2; exit 1 ;;
            esac
          ''
        ];
      };

    # pkgs/build-support/trivial-builders: runCommand name env script (the script runs with bash, $out to make).
    runCommand = name: env: script: mkDerivation (removeAttrs env [ "nativeBuildInputs" ] // { inherit name script; });

    # pkgs/build-support/trivial-builders (read at nixpkgs 00ee9b64aafebe333c3e33ffb093734092158728):
    # writeText name text = writeTextFile { inherit name text; }, a runCommand with passAsFile = [ "text" ]
    # that moves $textPath to $out: the file holds exactly the string's bytes.
    writeText =
      name: text:
      derivation {
        inherit name system text;
        passAsFile = [ "text" ];
        builder = host.bash;
        PATH = path;
        args = [
          "-c"
          # cat, not cp: this machine's nix kills a builder whose cp copies the passAsFile file (signal 9).
          "cat \"$textPath\" > $out"
        ];
      };

    # Packages the snapshot cases name in devShell.packages.
    kubectl = stub "kubectl";
    protobuf = stub "protobuf";
  };
in
pkgs
