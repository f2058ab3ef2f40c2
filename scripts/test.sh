#!/usr/bin/env bash
# Builds ropa with its tests and runs the whole suite (installing what is missing first).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build/test" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_TESTS=ON >/dev/null
cmake --build "$here/build/test" -j "$(nproc)"
ctest --test-dir "$here/build/test" --output-on-failure -j "$(nproc)"
