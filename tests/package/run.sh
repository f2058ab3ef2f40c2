#!/usr/bin/env bash
# Installs ropa from BUILD_DIR into a fresh prefix, then builds and runs two consumers: one
# with find_package(ropa), one with pkg-config. Run by CTest.
set -euo pipefail
build_dir="$1"; source_dir="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build_dir" --prefix "$prefix" >/dev/null

cmake -S "$source_dir/tests/package/cmake_consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/consumer" "$work/a.ropa"
LD_LIBRARY_PATH="$prefix/lib" "$work/cmake-build/c_consumer" "$work/a.ropa"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
g++ -std=c++20 -o "$work/pkg-consumer" "$source_dir/tests/package/cmake_consumer/consumer.cpp" \
    $(pkg-config --cflags ropa) $(pkg-config --libs --static ropa)
"$work/pkg-consumer" "$work/b.ropa"

test -f "$prefix/share/man/man1/ropa.1"
test -f "$prefix/share/bash-completion/completions/ropa"
test -x "$prefix/bin/ropa"
"$prefix/bin/ropa" --db "$work/a.ropa" --read-only info >/dev/null
if grep -rlE '#include <(sqlite3|SQLiteCpp|spdlog|nlohmann)' "$prefix/include/ropa"; then
  echo "a public header includes an engine header"; exit 1
fi
echo "package: 1 passed, 0 failed"
