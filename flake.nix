# NixGen's own flake: the nixgen tool (buildDotnetModule), an app, a development shell and a formatter.
# nix/deps.json pins the NuGet packages; regenerate it after changing a package version (see README,
# "Building nixgen with Nix").
{
  description = "nixgen: turns a Go monorepo into a reproducible Nix flake with correct vendorHashes";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";

  outputs =
    { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;

      systems = [
        "aarch64-darwin"
        "aarch64-linux"
        "x86_64-darwin"
        "x86_64-linux"
      ];

      forAllSystems = f: lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});

      # Keep in step with <Version> in Directory.Build.props.
      version = "0.1.0";

      nixgenFor =
        pkgs:
        pkgs.buildDotnetModule {
          pname = "nixgen";
          inherit version;
          src = lib.fileset.toSource {
            root = ./.;
            fileset = lib.fileset.unions [
              ./.editorconfig
              ./Directory.Build.props
              ./Directory.Packages.props
              ./README.md
              ./global.json
              ./src/NixGen
              ./templates
            ];
          };
          projectFile = "src/NixGen/NixGen.csproj";
          nugetDeps = ./nix/deps.json;
          dotnet-sdk = pkgs.dotnetCorePackages.sdk_10_0;
          dotnet-runtime = pkgs.dotnetCorePackages.runtime_10_0;
          executables = [ "nixgen" ];
          # nixgen runs `go` and `nix`: the caller's come first (hash with the Go your flake pins),
          # these are the fallback.
          makeWrapperArgs = [
            "--suffix"
            "PATH"
            ":"
            (lib.makeBinPath [
              pkgs.go
              pkgs.nix
            ])
          ];
          meta = {
            description = "Turns a Go monorepo into a reproducible Nix flake with correct vendorHashes";
            license = lib.licenses.mit;
            mainProgram = "nixgen";
            platforms = lib.platforms.unix;
          };
        };
    in
    {
      packages = forAllSystems (pkgs: rec {
        nixgen = nixgenFor pkgs;
        default = nixgen;
      });

      apps = forAllSystems (pkgs: {
        default = {
          type = "app";
          program = lib.getExe self.packages.${pkgs.stdenv.hostPlatform.system}.nixgen;
        };
      });

      checks = forAllSystems (pkgs: {
        nixgen = self.packages.${pkgs.stdenv.hostPlatform.system}.nixgen;
      });

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = [
            pkgs.dotnetCorePackages.sdk_10_0
            pkgs.go
            pkgs.gopls
            pkgs.nix
            pkgs.nixfmt-rfc-style
          ];
        };
      });

      formatter = forAllSystems (pkgs: pkgs.nixfmt-rfc-style);

      overlays.default = final: _prev: {
        nixgen = nixgenFor final;
      };
    };
}
