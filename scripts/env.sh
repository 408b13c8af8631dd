# Sourced by the scripts: the toolchains scripts/setup.sh installs, first on PATH (Go 1.26 and Nix 2.26).
tools=${NIXGEN_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nixgen-ci}
export NIXGEN_TOOLS=$tools
export PATH="$tools/bin:/usr/lib/go-1.26/bin:$PATH"
unset tools
