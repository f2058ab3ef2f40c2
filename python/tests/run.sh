#!/usr/bin/env bash
# The Python package's tests against the built libropa_c.so, then the package installed with
# pip into a fresh virtual environment (from a copy of python/, so the checkout stays clean)
# and the example of docs/api.md run with it from another folder. Run by CTest:
#   run.sh LIBROPA_C SOURCE_DIR WORK_DIR
set -euo pipefail
library="$1"; source_dir="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
export ROPA_LIBRARY="$library" PYTHONDONTWRITEBYTECODE=1
PYTHONPATH="$source_dir/python" /usr/bin/python3 -m unittest discover -s "$source_dir/python/tests" 2>&1

cp -r "$source_dir/python" "$work/package"
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install --quiet --no-build-isolation --no-index --no-deps "$work/package" 2>&1
cd "$work"
"$work/venv/bin/python" -c 'import ropa, sys; sys.exit(0 if "venv" in ropa.__file__ else 1)'
output=$("$work/venv/bin/python" "$source_dir/docs/examples/ropa_python.py" "$work/example.ropa")
echo "$output"
grep -q "refused: operations\[0\].fields.start_date" <<<"$output"
grep -q "changed since sent: activity A-PASS" <<<"$output"
grep -q "verify: ok" <<<"$output"
echo "python package: 1 passed, 0 failed"
