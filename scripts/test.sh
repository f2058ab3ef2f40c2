#!/usr/bin/env bash
# Builds ropa with its tests and runs the whole suite (installing what is missing first), warnings
# as errors; then the quick suite against the shared-library build the README advertises; then the
# whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer (scripts/sanitize.sh),
# and the thread tests built with ThreadSanitizer (scripts/tsan.sh); ROPA_SANITIZE=0 skips both
# for a quick local run. For the inner loop: ctest -LE slow.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build/test" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_TESTS=ON -DROPA_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$here/build/test" -j "$(nproc)"
ctest --test-dir "$here/build/test" --output-on-failure -j "$(nproc)"

# The shared libraries (libropa.so, libropa_c.so) with the same tests, but for the slow harnesses
# that the static build already ran.
cmake -S "$here" -B "$here/build/shared" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DROPA_BUILD_TESTS=ON \
  -DROPA_BUILD_BENCH=OFF -DROPA_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$here/build/shared" -j "$(nproc)"
ctest --test-dir "$here/build/shared" --output-on-failure -j "$(nproc)" -LE slow

if [ "${ROPA_SANITIZE:-1}" != 0 ]; then
  bash "$here/scripts/sanitize.sh"
  bash "$here/scripts/tsan.sh"
fi
