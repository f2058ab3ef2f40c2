#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer, and
# runs each from the checked-in seed corpus (copied: the corpus in git is not changed) for a
# fixed number of inputs with a fixed seed, so every machine replays the same inputs and a CI
# run is reproducible; SECONDS bounds the time all the same. Longer exploratory runs:
# FUZZ_RUNS=-1 (no limit). Run by CTest: run.sh SOURCE_DIR WORK_DIR SECONDS
set -euo pipefail
source_dir="$1"; work="$2"; seconds="${3:-30}"
if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ is missing (scripts/install-deps.sh installs it)"; exit 1
fi
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g -O1"
CC=clang CXX=clang++ cmake -S "$source_dir" -B "$work/build" -DCMAKE_BUILD_TYPE=Debug -DROPA_BUILD_TESTS=OFF \
  -DROPA_BUILD_BENCH=OFF -DROPA_BUILD_FUZZERS=ON -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
  >/dev/null
cmake --build "$work/build" -j "$(nproc)" --target fuzz_import fuzz_cli >/dev/null
passed=0; failed=0
declare -A runs=([import]="${FUZZ_RUNS:-12000}" [cli]="${FUZZ_RUNS:-1500}")
for target in import cli; do
  corpus="$work/corpus-$target"
  rm -rf "$corpus"; mkdir -p "$corpus"
  cp "$source_dir/tests/fuzz/corpus/$target"/* "$corpus/"
  log="$work/fuzz-$target.log"
  if UBSAN_OPTIONS=halt_on_error=1 "$work/build/tests/fuzz/fuzz_$target" "$corpus" -runs="${runs[$target]}" \
       -max_total_time="$seconds" -seed=20261123 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
    executed=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    echo "fuzz_$target: $executed executions, no finding"
    passed=$((passed + 1))
  else
    echo "fuzz_$target: FINDING"; tail -40 "$log"
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
