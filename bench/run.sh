#!/usr/bin/env bash
# Runs every benchmark and prints the tables (macro: whole commands vs baselines; micro: BenchmarkDotNet).
# Needs the README's set-up (Go 1.26, Nix 2.26). Extra arguments go to the macro benchmark, e.g. --services 20.
# Results: bench/results/macro.md and bench/results/micro/results/*.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/NixGen -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -p:NuGetLockFilePath="$PWD/artifacts/publish.packages.lock.json" -o artifacts/nixgen --nologo -v quiet
dotnet build bench/NixGen.Bench -c Release --nologo -v quiet
bench=bench/NixGen.Bench/bin/Release/net10.0/NixGen.Bench
"$bench" macro --nixgen artifacts/nixgen/nixgen --out bench/results "$@"
"$bench" micro --out bench/results | grep -E '^\|' || true
