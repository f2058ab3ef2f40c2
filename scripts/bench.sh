#!/usr/bin/env bash
# Builds ropa in Release and runs the benchmarks (bench/): figures and ratios with their targets.
# ACTIVITIES (default 10000) sets the size of the synthetic register; docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build/bench" -DCMAKE_BUILD_TYPE=Release -DROPA_BUILD_TESTS=OFF -DROPA_BUILD_BENCH=ON >/dev/null
cmake --build "$here/build/bench" -j "$(nproc)" >/dev/null
"$here/build/bench/bench/ropa-bench" "$here/build/bench/ropa" --activities "${ACTIVITIES:-10000}" --dir "${TMPDIR:-/tmp}/ropa-bench"
