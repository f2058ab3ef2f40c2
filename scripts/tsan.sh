#!/usr/bin/env bash
# Builds the library and the thread tests (tests/threads, tests/c_api/c_threads_test.c) under
# ThreadSanitizer and runs them: one Register, and one C handle, shared by threads, with no
# data race (docs/api.md, Threads). Only those targets are built, so it costs one library
# build (a few minutes on 2 cores), not a second whole suite.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"
flags="-fsanitize=thread -fno-omit-frame-pointer"
cmake -S "$here" -B "$here/build/tsan" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" >/dev/null
cmake --build "$here/build/tsan" -j "$(nproc)" --target ropa_shared_register_test ropa_c_threads_test
# halt_on_error: the first race fails the run (exit 66), with both stacks printed.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
"$here/build/tsan/tests/ropa_shared_register_test" "$here/build/tsan/threads-work"
"$here/build/tsan/tests/ropa_c_threads_test"
echo "tsan: 2 passed, 0 failed"
