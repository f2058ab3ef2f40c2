#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds ropa, creates
# ./ropa.db seeded from the CCB annex (or reuses it: seeding twice changes nothing), shows
# its summary, checks it against Art. 30, verifies its history and writes the check report and the purpose x
# data-category matrix and the exports (json, csv, xlsx, html, md) to ./export/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build/release" -DCMAKE_BUILD_TYPE=Release -DROPA_BUILD_TESTS=OFF >/dev/null
cmake --build "$here/build/release" -j "$(nproc)" >/dev/null

ropa="$here/build/release/ropa"
export ROPA_DB="${ROPA_DB:-$PWD/ropa.db}"
"$ropa" init --seed ccb-annex
mkdir -p export
"$ropa" info
# The check exits 1 when it finds errors (the annex names no DPO, for one): that is its
# report, not a failure of this job.
"$ropa" check > export/check.txt || [ $? -eq 1 ]
"$ropa" verify
for lang in nl fr en; do
  "$ropa" --read-only matrix --lang "$lang" --width 100 > "export/matrix-$lang.txt"
done
"$ropa" --read-only export -f json --force -o export/register.json
"$ropa" --read-only export -f csv --lang nl --force -o export/activities.csv
"$ropa" --read-only export -f csv-matrix --lang nl --force -o export/purposes-matrix.csv
"$ropa" --read-only export -f xlsx --lang nl --force -o export/register.xlsx
"$ropa" --read-only export -f html --lang nl --force -o export/register.html
"$ropa" --read-only export -f md --lang en --force -o export/register.md
echo
tail -n 1 export/check.txt
echo "exports in export/: register.{json,xlsx,html,md}, activities.csv, purposes-matrix.csv,"
echo "check.txt, matrix-{nl,fr,en}.txt. Try: $ropa check, $ropa matrix --lang en, $ropa log"
