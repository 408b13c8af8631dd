#!/usr/bin/env bash
# Runs every test (unit, snapshot, and integration tests with real go and nix). Ends with the runner's summary.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/lib/go-1.23/bin:$PATH
log=$(mktemp)
dotnet test NixGen.sln --nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# A plain closing line any CI reads: "N passed, N failed".
summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1)
passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary"); failed=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$rc"
