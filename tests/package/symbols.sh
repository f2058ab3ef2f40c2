#!/usr/bin/env bash
# The shared libraries export ropa's API alone (cmake/libropa.map, cmake/libropa_c.map): every
# dynamic symbol of libropa_c.so is a function of ropa.h, every one of libropa.so is in
# namespace ropa (its classes' type information and virtual tables included), and the public
# API is there. Run by CTest with the libraries the build made: C_LIBRARY [CXX_LIBRARY].
set -euo pipefail
c_library="$1"; cxx_library="${2:-}"
failures=0

exported() { nm -D --defined-only "$1" | awk 'NF == 3 { print $3 }' | sort -u; }

foreign=$(exported "$c_library" | grep -v '^ropa_' || true)
if [ -n "$foreign" ]; then
  echo "libropa_c exports symbols that are not ropa.h's:"; echo "$foreign" | head -20; failures=$((failures + 1))
fi
declared=$(grep -oE '^ROPA_C_API [^(]*[ *]ropa_[a-z_]+\(' "$(dirname "$0")/../../include/ropa/ropa.h" \
  | grep -oE 'ropa_[a-z_]+' | sort -u)
missing=$(comm -23 <(echo "$declared") <(exported "$c_library"))
if [ -n "$missing" ]; then
  echo "functions of ropa.h that libropa_c does not export:"; echo "$missing"; failures=$((failures + 1))
fi

if [ -n "$cxx_library" ]; then
  foreign=$(exported "$cxx_library" | c++filt \
    | grep -vE '^(ropa::|typeinfo for ropa::|typeinfo name for ropa::|vtable for ropa::)' || true)
  if [ -n "$foreign" ]; then
    echo "libropa exports symbols outside namespace ropa:"; echo "$foreign" | head -20; failures=$((failures + 1))
  fi
  demangled=$(exported "$cxx_library" | c++filt)
  for wanted in 'ropa::Register::open(' 'ropa::export_record(' 'typeinfo for ropa::Error' 'ropa::version()'; do
    if ! grep -qF "$wanted" <<<"$demangled"; then
      echo "libropa does not export $wanted"; failures=$((failures + 1))
    fi
  done
fi
echo "symbols: $((failures == 0 ? 1 : 0)) passed, $failures failed"
[ "$failures" -eq 0 ]
