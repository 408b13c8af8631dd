#!/usr/bin/env bash
# Publishes nixgen and runs it on examples/multiservice, offline: the example's third-party modules come
# from its in-repo module proxy (third_party/goproxy), standing in for a team's private proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
dotnet publish src/NixGen -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -p:NuGetLockFilePath="$PWD/artifacts/publish.packages.lock.json" -o artifacts/nixgen --nologo -v quiet
export GOPROXY="file://$PWD/examples/multiservice/third_party/goproxy" GOSUMDB=off
artifacts/nixgen/nixgen init --repo examples/multiservice --verify
artifacts/nixgen/nixgen inspect --repo examples/multiservice
artifacts/nixgen/nixgen check --repo examples/multiservice
