#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds ropa, creates
# ./ropa.db seeded from the CCB annex (or reuses it: seeding twice changes nothing), shows
# its summary and writes the purpose x data-category matrix to ./export/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build/release" -DCMAKE_BUILD_TYPE=Release -DROPA_BUILD_TESTS=OFF >/dev/null
cmake --build "$here/build/release" -j "$(nproc)" >/dev/null

ropa="$here/build/release/ropa"
export ROPA_DB="${ROPA_DB:-$PWD/ropa.db}"
"$ropa" init --seed ccb-annex
"$ropa" info
mkdir -p export
for lang in nl fr en; do
  "$ropa" --read-only matrix --lang "$lang" --width 100 > "export/matrix-$lang.txt"
done
echo
echo "wrote export/matrix-nl.txt, export/matrix-fr.txt, export/matrix-en.txt; try: $ropa matrix --lang en"
