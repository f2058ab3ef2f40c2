#!/usr/bin/env bash
# Builds the whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer and runs
# it. About 12 minutes on a 2-core machine; docs/reliability.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"
flags="-fsanitize=address,undefined -fno-omit-frame-pointer"
cmake -S "$here" -B "$here/build/sanitize" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" >/dev/null
cmake --build "$here/build/sanitize" -j "$(nproc)"
# The package test installs and rebuilds consumers without the sanitizer runtime, and Python
# cannot load an ASan-instrumented libropa_c.so without preloading it: both are left out. So is
# the fuzz test, whose targets are built with both sanitizers already.
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$here/build/sanitize" --output-on-failure -j "$(nproc)" -E "Package|PythonCtypes|Fuzz"
