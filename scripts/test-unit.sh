#!/usr/bin/env bash
# Runs the unit tier alone (tests/NixGen.Tests/Unit): with no go, no nix, no git and no ../shared, as it must run.
# The test process gets a PATH of one directory holding only `dotnet` and the POSIX basics the fake tools of some
# cases are written in (sh, sleep, cat, echo), no inherited variables (env -i) but HOME,
# TMPDIR and the .NET ones, NIXGEN_NO_TOOLS=1 (the tests put no toolchain on PATH themselves) and NIXGEN_CORPUS=none
# (Go's parser corpus is hidden). Builds first unless --no-build. Ends with "unit tier: ... in N s".
set -uo pipefail
cd "$(dirname "$0")/.."
build=1; if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
if [ $build = 1 ]; then
  dotnet build tests/NixGen.Tests --nologo -v q 2>&1 | tail -3 || exit 1
fi
bin=$(mktemp -d); log=$(mktemp)
trap 'rm -rf "$bin" "$log"' EXIT
dotnet=$(command -v dotnet) || { echo "test-unit: dotnet is not on PATH" >&2; exit 1; }
ln -s "$(readlink -f "$dotnet")" "$bin/dotnet"
for tool in sh sleep cat echo; do ln -s "$(command -v $tool)" "$bin/$tool"; done
run() {
  env -i PATH="$bin" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" DOTNET_ROOT="$(dirname "$(readlink -f "$dotnet")")" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    NIXGEN_NO_TOOLS=1 NIXGEN_CORPUS=none "$@"
}
# The environment really has none of them.
for tool in go gofmt nix nix-build nix-instantiate nix-store git node npm; do
  if PATH="$bin" command -v "$tool" >/dev/null 2>&1; then
    echo "test-unit: $tool is reachable from $bin" >&2; exit 1
  fi
done
start=$(date +%s.%N)
run "$bin/dotnet" test tests/NixGen.Tests --no-build --nologo --filter "FullyQualifiedName~NixGen.Tests.Unit." "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
end=$(date +%s.%N)
summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1)
echo "unit tier: ${summary:-no summary} in $(printf '%.1f' "$(echo "$end - $start" | bc 2>/dev/null || python3 -c "print($end-$start)")") s (PATH: dotnet, sh, sleep, cat, echo; NIXGEN_NO_TOOLS=1 NIXGEN_CORPUS=none)"
# A unit test skipped here would be one that wants what the unit tier does without (the corpus): it belongs in Integration/.
skipped=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$summary")
if [ "${skipped:-0}" != 0 ]; then echo "test-unit: $skipped unit tests were skipped: a test that needs go, nix, git or ../shared belongs in Integration/" >&2; rc=1; fi
exit "$rc"
