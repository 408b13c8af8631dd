# What differs between the nixpkgs releases the model stands in for, as read from nixpkgs (design.md's reading of
# pkgs/build-support/go/module.nix and top-level/aliases.nix at each release; module.nix at 010277de for 24.11's
# shape, and the 25.05 extendMkDerivation version whose CGO_ENABLED compatibility layer is "to be removed after the
# 25.05 branch-off"; the nixfmt renames from nixpkgs PR 425068 and the 25.11 release notes).
# - go: the go_1_XX attributes a release ships (with a version of that series), removed: the ones that throw;
# - goModule: where buildGoModule takes GOOS/GOARCH/CGO_ENABLED (see pkgs.nix);
# - nixfmt: "classic" when `nixfmt` is a deprecated alias of nixfmt-classic (nixfmt-rfc-style is the RFC one),
#   "rfc" when `nixfmt` is the RFC 166 formatter and nixfmt-rfc-style a deprecated alias.
# "unstable" is nixos-unstable as of November 2026: Go 1.24 dropped after 1.26's release, like each release before.
{
  "24.11" = {
    release = "24.11";
    go = {
      go_1_22 = "1.22.12";
      go_1_23 = "1.23.8";
    };
    removed = [
      "go_1_20"
      "go_1_21"
    ];
    defaultGo = "go_1_23";
    goModule = "24.11";
    nixfmt = "classic";
  };
  "25.05" = {
    release = "25.05";
    go = {
      go_1_23 = "1.23.12";
      go_1_24 = "1.24.6";
    };
    removed = [
      "go_1_21"
      "go_1_22"
    ];
    defaultGo = "go_1_24";
    goModule = "25.05";
    nixfmt = "classic";
  };
  "25.11" = {
    release = "25.11";
    go = {
      go_1_24 = "1.24.9";
      go_1_25 = "1.25.4";
    };
    removed = [
      "go_1_22"
      "go_1_23"
    ];
    defaultGo = "go_1_25";
    goModule = "25.11";
    nixfmt = "rfc";
  };
  unstable = {
    release = "26.11";
    go = {
      go_1_25 = "1.25.8";
      go_1_26 = "1.26.3";
    };
    removed = [
      "go_1_23"
      "go_1_24"
    ];
    defaultGo = "go_1_26";
    goModule = "25.11";
    nixfmt = "rfc";
  };
}
