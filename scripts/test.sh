#!/usr/bin/env bash
# Runs every test (unit, snapshot, and integration tests with real go and nix). Ends with the runner's summary.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
echo "toolchains: $(go version 2>&1 | cut -d' ' -f3) (also $(for v in 1.25 1.24 1.23; do [ -x /usr/lib/go-$v/bin/go ] && printf 'go%s ' $v; done)), $(nix --version 2>&1)"
if [ -d ../shared/corpus/x-mod-modfile ]; then echo "corpus: ../shared/corpus/x-mod-modfile"; else echo "corpus: ../shared/corpus is absent: the tests that read Go's parser corpus are skipped"; fi
log=$(mktemp)
dotnet test NixGen.sln --nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# A plain closing line any CI reads: "N passed, N failed".
summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1)
passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary"); failed=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$rc"
