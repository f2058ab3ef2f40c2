#!/usr/bin/env bash
# Installs ropa from BUILD_DIR and consumes it as a stranger would: a CMake project on its
# compiler's default C++ standard (find_package), a C++ program and a plain C program built
# with pkg-config alone, the same through a multiarch layout (lib/<triplet>) and through a
# DESTDIR staging tree. Run by CTest.
set -euo pipefail
build_dir="$1"; source_dir="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
prefix="$work/prefix"
consumers="$source_dir/tests/package/cmake_consumer"
version=$(sed -n 's/^#define ROPA_VERSION_STRING "\(.*\)"$/\1/p' "$build_dir/generated/include/ropa/version.hpp")
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name 'libropa_c.so' | head -1)")

# find_package, with no C++ standard set by the consumer: ropa::ropa brings C++20.
cmake -S "$consumers" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_FLAGS="-DROPA_EXPECTED_VERSION=\\\"$version\\\"" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/consumer" "$work/a.ropa"
LD_LIBRARY_PATH="$libdir" "$work/cmake-build/c_consumer" "$work/a.ropa"

# The C API alone: find_package(ropa COMPONENTS c), a C-only project.
cmake -S "$source_dir/tests/package/c_consumer" -B "$work/c-only-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_FLAGS="-DROPA_EXPECTED_VERSION=\\\"$version\\\"" >/dev/null
cmake --build "$work/c-only-build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/c-only-build/c_consumer" "$work/a.ropa"

# pkg-config alone: nothing of ropa's dependencies reaches the consumer's compile flags. (The
# C++ program names C++20 itself, as docs/api.md says: pkg-config has no way to require it.)
check_pkg_config() {  # PKG_CONFIG_PATH LIBRARY_DIR NAME
  local cflags
  cflags=$(PKG_CONFIG_PATH="$1" pkg-config --cflags ropa ropa_c)
  if [[ "$cflags" == *-D* ]]; then echo "pkg-config --cflags leaks definitions: $cflags"; exit 1; fi
  # shellcheck disable=SC2046
  g++ -std=c++20 -o "$work/pkg-consumer-$3" "$consumers/consumer.cpp" $(PKG_CONFIG_PATH="$1" pkg-config --cflags ropa) \
      $(PKG_CONFIG_PATH="$1" pkg-config --libs --static ropa)
  "$work/pkg-consumer-$3" "$work/$3.ropa"
  # shellcheck disable=SC2046
  cc -DROPA_EXPECTED_VERSION="\"$version\"" -o "$work/pkg-c-consumer-$3" "$consumers/c_consumer.c" \
     $(PKG_CONFIG_PATH="$1" pkg-config --cflags --libs ropa_c)
  LD_LIBRARY_PATH="$2" "$work/pkg-c-consumer-$3" "$work/$3.ropa"
}
check_pkg_config "$libdir/pkgconfig" "$libdir" plain

# A whole session through the installed libraries alone: in C (tests/c_api/c_session_test.c,
# built with pkg-config), and with the Python package finding the installed libropa_c the way
# the system's loader does (no ROPA_LIBRARY).
# shellcheck disable=SC2046
cc -o "$work/c-session" "$source_dir/tests/c_api/c_session_test.c" \
   $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs ropa_c)
LD_LIBRARY_PATH="$libdir" "$work/c-session"
(cd "$work" && env -u ROPA_LIBRARY LD_LIBRARY_PATH="$libdir" PYTHONPATH="$source_dir/python" PYTHONDONTWRITEBYTECODE=1 \
   /usr/bin/python3 "$source_dir/docs/examples/ropa_python.py" "$work/python-session.ropa" | grep -q "verify: ok")
# ... and the package's own tests (the whole session of python/tests) against the installed
# library alone.
(cd "$work" && env -u ROPA_LIBRARY LD_LIBRARY_PATH="$libdir" PYTHONPATH="$source_dir/python" PYTHONDONTWRITEBYTECODE=1 \
   /usr/bin/python3 -m unittest discover -s "$source_dir/python/tests" 2>&1 | tail -1 | grep -q "^OK")

# A multiarch layout (Debian's lib/x86_64-linux-gnu): the same files, with the .pc files ropa
# writes for that libdir (cmake/write_pkgconfig.cmake, the code the build runs).
triplet=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
multi="$work/multiarch"
mkdir -p "$multi/lib/$triplet/pkgconfig"
cp -a "$prefix/include" "$multi/"
cp -a "$libdir"/libropa* "$multi/lib/$triplet/"
cmake -DLIBDIR="lib/$triplet" -DINCLUDEDIR=include -DPREFIX=/usr -DVERSION="$version" -DDESCRIPTION=ropa \
      -DSOURCE_DIR="$source_dir" -DOUTPUT_DIR="$multi/lib/$triplet/pkgconfig" -P "$source_dir/cmake/write_pkgconfig.cmake"
test "$(PKG_CONFIG_PATH="$multi/lib/$triplet/pkgconfig" pkg-config --variable=libdir ropa_c)" -ef "$multi/lib/$triplet"
check_pkg_config "$multi/lib/$triplet/pkgconfig" "$multi/lib/$triplet" multiarch

# A DESTDIR staging install, as distribution packaging does it.
DESTDIR="$work/stage" cmake --install "$build_dir" --prefix /usr >/dev/null
staged=$(dirname "$(find "$work/stage" -name 'libropa_c.so' | head -1)")
check_pkg_config "$staged/pkgconfig" "$staged" staged

test -f "$prefix/share/man/man1/ropa.1"
test -f "$prefix/share/bash-completion/completions/ropa"
test -x "$prefix/bin/ropa"
"$prefix/bin/ropa" --db "$work/a.ropa" --read-only info >/dev/null
if grep -rlE '#include <(sqlite3|SQLiteCpp|spdlog|nlohmann|nettle)' "$prefix/include/ropa"; then
  echo "a public header includes an engine header"; exit 1
fi
echo "package: 1 passed, 0 failed"
