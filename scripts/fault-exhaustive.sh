#!/usr/bin/env bash
# The I/O fault test with every N (not a sample): each of init --seed, activity add,
# import --replace, tag, migrate and export is run once for every write, fsync and read call
# it makes, that call failing. Takes long (see docs/reliability.md); the test command runs the
# sampled version. Usage: bash scripts/fault-exhaustive.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/test}"
if [ ! -x "$build/tests/ropa_fault_tests" ]; then
  bash "$here/scripts/install-deps.sh"
  cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_TESTS=ON >/dev/null
  cmake --build "$build" -j "$(nproc)" --target ropa_fault_tests ropa_cli ropa_fault_shim
fi
ROPA_FAULT_EXHAUSTIVE=1 "$build/tests/ropa_fault_tests"
