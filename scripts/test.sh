#!/usr/bin/env bash
# Builds ropa with its tests and runs the whole suite (installing what is missing first), then
# the same suite built with AddressSanitizer and UndefinedBehaviorSanitizer (scripts/sanitize.sh,
# about 12 more minutes on 2 cores; ROPA_SANITIZE=0 skips it for a quick local run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build/test" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_TESTS=ON >/dev/null
cmake --build "$here/build/test" -j "$(nproc)"
ctest --test-dir "$here/build/test" --output-on-failure -j "$(nproc)"
if [ "${ROPA_SANITIZE:-1}" != 0 ]; then
  bash "$here/scripts/sanitize.sh"
fi
