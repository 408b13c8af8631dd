#!/usr/bin/env bash
# Installs what nixgen and its tests need on Debian 12, the toolchains users run in 2026:
#   - Go 1.26, 1.25 and 1.24 (Debian 13's golang-1.2x-go, which depend only on their -src and run on Debian 12 as
#     they are; trixie is added with pin priority 1, so nothing else is ever upgraded from it), and Go 1.23
#     (bookworm-backports) for the tests about an older series;
#   - Nix 2.26 (Debian 13's nix-bin needs Debian 13's libc): a debootstrapped trixie root under the cache, run on the
#     host through that root's dynamic loader by small wrappers (nix, nix-build, nix-instantiate, ...) in
#     $NIXGEN_TOOLS/bin. They use the host's /nix store, single-user, without sandbox or build hook;
#   - rsync (gitlab-ci-local copies the repository with it) and, with npm, the forges' validators (scripts/js-tools.sh).
# Idempotent: a second run checks and returns in well under a second. Prints the toolchains it provides.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
tools=${NIXGEN_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nixgen-ci}
root=$tools/trixie
uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
uri=${uri:-http://deb.debian.org/debian}

need_apt=0
for v in 1.23 1.24 1.25 1.26; do [ -x /usr/lib/go-$v/bin/go ] || need_apt=1; done
for c in debootstrap jq git python3 rsync; do command -v $c >/dev/null || need_apt=1; done
# spdx/tools-golang (Debian's Go path) validates the SPDX documents nixgen writes.
[ -d /usr/share/gocode/src/github.com/spdx/tools-golang ] || need_apt=1
if [ $need_apt = 1 ]; then
  if [ ! -f /etc/apt/sources.list.d/nixgen-trixie.sources ]; then
    printf 'Types: deb\nURIs: %s\nSuites: trixie trixie-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
      | $SUDO tee /etc/apt/sources.list.d/nixgen-trixie.sources >/dev/null
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 1\n\nPackage: *\nPin: release n=trixie-backports\nPin-Priority: 1\n' \
      | $SUDO tee /etc/apt/preferences.d/nixgen-trixie >/dev/null
  fi
  if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb $uri bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/nixgen-bookworm-backports.list >/dev/null
  fi
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    golang-1.26-go/trixie-backports golang-1.25-go/trixie-backports golang-1.24-go/trixie golang-1.23-go \
    debootstrap jq git python3 rsync ca-certificates golang-github-spdx-tools-golang-dev >/dev/null
fi

if [ ! -x "$root/usr/bin/nix" ]; then
  echo "setup: Nix 2.26 from Debian 13 into $root (debootstrap, ~40 s)"
  $SUDO rm -rf "$root.tmp"
  $SUDO mkdir -p "$tools"
  [ -z "$SUDO" ] || $SUDO chown "$(id -u):$(id -g)" "$tools"
  $SUDO debootstrap --variant=minbase trixie "$root.tmp" "$uri" >/dev/null
  $SUDO chroot "$root.tmp" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nix-bin >/dev/null
  $SUDO mv "$root.tmp" "$root"
fi

mkdir -p "$tools/bin" "$tools/etc"
# The wrappers' own configuration (a test or a user may point NIX_CONF_DIR elsewhere). The build hook re-executes
# /proc/self/exe, which is the loader here: it is switched off through NIX_CONFIG, which wins over every file.
cat >"$tools/etc/nix.conf" <<'EOF'
experimental-features = nix-command flakes
sandbox = false
build-users-group =
substituters =
EOF
for name in nix nix-build nix-instantiate nix-store nix-hash nix-env nix-shell nix-prefetch-url; do
  cat >"$tools/bin/$name.tmp" <<EOF
#!/bin/sh
# Nix 2.26 from the Debian 13 root $root, through its loader (written by scripts/setup.sh).
r='$root'
export NIX_CONF_DIR="\${NIX_CONF_DIR:-$tools/etc}"
export NIX_CONFIG="build-hook =
\${NIX_CONFIG:-}"
exec "\$r/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "\$r/usr/lib/x86_64-linux-gnu:\$r/lib/x86_64-linux-gnu" --argv0 $name "\$r/usr/bin/nix" "\$@"
EOF
  chmod +x "$tools/bin/$name.tmp"
  mv "$tools/bin/$name.tmp" "$tools/bin/$name"
done
# Debian 12's nix-bin (2.8) would shadow nothing (the wrappers come first on PATH), but keep the host clean of it.

# The forges' own validators for the CI tests (npm ci of tests/js into ~/.cache/nixgen-js; the tests run it too).
if command -v npm >/dev/null; then echo "js tools: $(bash "$(dirname "$0")/js-tools.sh")"; fi

for v in 1.26 1.25 1.24 1.23; do /usr/lib/go-$v/bin/go version; done
"$tools/bin/nix" --version
echo "setup: put $tools/bin and /usr/lib/go-1.26/bin first on PATH (scripts/env.sh does)"
