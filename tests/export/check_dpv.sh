#!/usr/bin/env bash
# The dpv export read by an independent JSON-LD processor: jsonld.js from the npm registry
# (installed here, once per build folder: a test-only tool), on the ministry fixture.
#   check_dpv.sh ROPA WORK_DIR
set -euo pipefail
ropa="$1"; work="$2"; here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "check_dpv: node and npm are needed (scripts/install-deps.sh installs them)"; exit 1
fi
if [ ! -f "$work/npm/node_modules/jsonld/package.json" ]; then
  npm install --prefix "$work/npm" --no-audit --no-fund --silent jsonld@9.0.0 >/dev/null
fi
db="$work/ministry.db"; rm -f "$db" "$db-wal" "$db-shm"
export ROPA_ACTOR=test HOME="$work"
"$ropa" --db "$db" init >/dev/null
"$ropa" --db "$db" import "$here/fixtures/ministry.json" -m fixture >/dev/null
"$ropa" --db "$db" export -f json -o "$work/ministry.json" --force 2>/dev/null
base="https://registers.example.org/ministry/ropa/"
"$ropa" --db "$db" export -f dpv --base "$base" -o "$work/ministry.jsonld" --force 2>/dev/null
node "$here/check_dpv.cjs" "$work/npm" "$work/ministry.jsonld" "$work/ministry.json" "$here/dpv-terms.txt" "$base"
