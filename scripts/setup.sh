#!/usr/bin/env bash
# Installs what nixgen needs on Debian 12: nix (2.8, Debian's nix-bin) and Go 1.23 from bookworm-backports.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ! -x /usr/lib/go-1.23/bin/go ] || ! command -v nix >/dev/null; then
  if [ ! -f /etc/apt/sources.list.d/backports.list ]; then
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    uri=${uri:-http://deb.debian.org/debian}
    echo "deb $uri bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/backports.list >/dev/null
  fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nix-bin golang-1.23 python3 jq git
fi
