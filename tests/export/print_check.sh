#!/usr/bin/env bash
# The HTML export printed as an auditor prints it: headless Chromium to PDF on A4, read back
# with pdftotext (poppler). A register with 30 data categories and several activities must
# print whole: every activity, every category of the matrix's legend, and on every page the
# running header and footer (controller, version, chain hash, "Page N of M").
#   print_check.sh ROPA WORK_DIR
set -euo pipefail
ropa="$1"; work="$2"
rm -rf "$work"; mkdir -p "$work"; cd "$work"
export HOME="$work" ROPA_ACTOR=auditor
"$ropa" init >/dev/null
"$ropa" controller add --name "Ministry of Examples" --address "Plein 1, Den Haag" --email privacy@example.nl \
  -m controller >/dev/null
categories=()
for i in $(seq 1 30); do
  "$ropa" category add "CAT-$i" --name "Data category number $i" -m c >/dev/null
  categories+=("CAT-$i")
done
"$ropa" subject add CITIZENS --name Citizens -m s >/dev/null
for p in 1 2 3; do
  args=()
  for c in "${categories[@]}"; do args+=(--category "$c"); done
  "$ropa" purpose add "P$p" --name "Purpose $p" --basis art6-1-e "${args[@]}" -m p >/dev/null
done
for a in $(seq 1 6); do
  "$ropa" activity add "ACT-$a" --name "Activity number $a with a long description" --purpose P1 \
    --basis art6-1-e --category CAT-1 --category CAT-2 --subject CITIZENS -m a >/dev/null
done
# data that flow: to a recipient, a processor, and on to a third country
"$ropa" recipient add HOSTING --name "Hosting provider" --kind external --location third_country -m r >/dev/null
"$ropa" processor add CLOUDCO --name "CloudCo Inc." --country US -m p >/dev/null
"$ropa" transfer add TO-US --recipient HOSTING --country US --transfer-tool art46-2-c -m t >/dev/null
"$ropa" link activity-recipient ACT-1 HOSTING -m l >/dev/null
"$ropa" link activity-processor ACT-1 CLOUDCO -m l >/dev/null
"$ropa" link activity-transfer ACT-1 TO-US -m l >/dev/null
"$ropa" tag printed -m "the version printed" >/dev/null
"$ropa" export -f html -o record.html
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --user-data-dir="$work/chromium" --print-to-pdf="$work/record.pdf" "file://$work/record.html" 2>/dev/null
pdftotext -layout record.pdf record.txt
pages=$(grep -c $'\f' record.txt || true)
pages=$((pages + 0))
failures=0
fail() { echo "print: $*"; failures=$((failures + 1)); }
[ "$pages" -ge 5 ] || fail "only $pages pages"
for a in $(seq 1 6); do grep -q "ACT-$a" record.txt || fail "activity ACT-$a is not on paper"; done
for i in $(seq 1 30); do
  grep -q "Data category number $i\b" record.txt || fail "category $i is not in the matrix's legend on paper"
  grep -q "\[$i\]" record.txt || fail "matrix column [$i] is cut off on paper"
done
# the data-flow picture prints, its boxes' text readable from the PDF
grep -q "How the data flow" record.txt || fail "the data-flow picture's section is not on paper"
for box in "ACT-1: Activity number 1" "Hosting provider" "CloudCo Inc. (processor)" "United States (US), Art. 46(2)(c)"; do
  grep -qF "$box" record.txt || fail "the data-flow picture lacks \"$box\" on paper"
done
# every page carries its header and footer
total=$(grep -c "Page [0-9]* of $pages" record.txt || true)
[ "$total" -eq "$pages" ] || fail "$total of $pages pages say \"Page N of $pages\""
[ "$(grep -c "Chain hash [0-9a-f]\{64\}" record.txt || true)" -ge "$pages" ] || fail "a page lacks the chain hash"
[ "$(grep -c "Record of processing activities: Ministry of Examples" record.txt || true)" -ge "$pages" ] ||
  fail "a page lacks the controller"
[ "$(grep -c "tag printed" record.txt || true)" -ge "$pages" ] || fail "a page lacks the version"
echo "print: $((failures == 0 ? 1 : 0)) passed, $failures failed ($pages pages)"
[ "$failures" -eq 0 ]
