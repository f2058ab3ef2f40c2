#!/usr/bin/env python3
"""`ropa export --template ico`: the record in the UK ICO's documentation template for
controllers. Its headings are compared, column by column, with the template's own
(tests/templates/ico-controller.columns, with its source), in the CSV and in the XLSX read back
by openpyxl; a register with activities fills its rows (each Art. 6 basis in its column, the
Art. 9 conditions in theirs, a processor's activity left to the processors' template); a
template ropa does not know, or one asked of a format that is no table, is refused naming
"template" and changes nothing.

Usage: template_test.py ROPA SOURCE_DIR WORK_DIR"""

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys

ropa, source, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
db = os.path.join(work, "ministry.db")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED:", what, file=sys.stderr)


def run(*args):
    return subprocess.run([ropa, "--db", db, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)


def digest():
    with open(db, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def template_columns(name):
    with open(os.path.join(source, "tests/templates", name), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


for args in (("init",), ("import", os.path.join(source, "tests/export/fixtures/ministry.json"), "-m", "the register")):
    done = run(*args)
    assert done.returncode == 0, done.stderr

ico = template_columns("ico-controller.columns")
check(len(ico) == 30, "the ICO's template has 30 columns (%d read)" % len(ico))

# --- CSV -------------------------------------------------------------------------------------
done = run("export", "-f", "csv", "--template", "ico")
check(done.returncode == 0, "export -f csv --template ico: " + done.stderr)
rows = list(csv.reader(io.StringIO(done.stdout)))
header = rows[0]
check(header[:30] == ico, "the CSV's columns are the ICO's, in its order: %s" %
      [(i + 1, a, b) for i, (a, b) in enumerate(zip(header, ico)) if a != b][:3])
check(all(h.startswith("Export: ") for h in header[30:]) and "Export: Chain hash" in header,
      "after the template's columns, the version stamp: %s" % header[30:])
ours = list(csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout)))
# each row by the activity whose name starts its "Purpose of processing"
by_purpose = {a["Name of the processing"]: dict(zip(header, row)) for row in rows[1:] for a in ours
              if row[1].startswith(a["Name of the processing"] + " (") or row[1].startswith(a["Name of the processing"] + ":")}
controllers = [a["Name of the processing"] for a in ours if a["Role (Art. 30(1) controller / 30(2) processor)"] == "controller"]
check(sorted(by_purpose) == sorted(controllers),
      "one row per activity done as controller, a processor's left out: %s, not %s" % (sorted(by_purpose), controllers))
visa = by_purpose.get("Visa applications", {})
check("Art. 6(1)(e)" in visa.get("Article 6 lawful basis for processing personal data", "") and
      "Art. 9" not in visa.get("Article 6 lawful basis for processing personal data", ""),
      "the Art. 6 basis alone in its column: %s" % visa.get("Article 6 lawful basis for processing personal data"))
check("Art. 9(2)(g)" in visa.get("Article 9 condition for processing special category data", ""),
      "the Art. 9(2) condition in its column: %s" % visa.get("Article 9 condition for processing special category data"))
check(visa.get("GDPR Article 6 lawful basis for processing") ==
      visa.get("Article 6 lawful basis for processing personal data"), "the Art. 6 basis again in the DPA 2018 section")
check("Fingerprints and facial image" in visa.get("Categories of personal data", ""),
      "the categories of data: %s" % visa.get("Categories of personal data"))
cctv = by_purpose.get("Camera surveillance", {})
check("Art. 10" in cctv.get("Data Protection Act 2018 Schedule 1 Condition for processing", ""),
      "an Art. 10 basis and its law under the DPA 2018 condition: %s" %
      cctv.get("Data Protection Act 2018 Schedule 1 Condition for processing"))
check("28 days" in cctv.get("Retention schedule (if possible)", ""), "the time limits as the retention schedule")
check(cctv.get("Has a personal data breach occurred?") == "", "what ropa does not record is left empty")
news = by_purpose.get("Newsletter", {})
check("(draft: not approved)" in news.get("Purpose of processing", ""),
      "an activity not yet approved says so by its name (no status column): %s" % news.get("Purpose of processing"))
check(news.get("GDPR Article 6 lawful basis for processing") == "" and
      news.get("Article 6 lawful basis for processing personal data", "") != "",
      "the DPA 2018 section is left empty for an activity without special or criminal data")

# --- XLSX, read back by an independent reader -------------------------------------------------
xlsx = os.path.join(work, "ico.xlsx")
done = run("export", "-f", "xlsx", "--template", "ico", "-o", xlsx)
check(done.returncode == 0, "export -f xlsx --template ico: " + done.stderr)
try:
    import openpyxl
    book = openpyxl.load_workbook(xlsx, read_only=True)
    check(book.sheetnames[0] == "Template", "the first sheet is the template: %s" % book.sheetnames)
    sheet_rows = list(book["Template"].iter_rows(values_only=True))
    check(list(sheet_rows[0]) == ico, "the XLSX's columns are the ICO's, in its order")
    check(len(sheet_rows) == 1 + len(controllers), "one row per controller activity in the XLSX (%d)" % len(sheet_rows))
    stamp = [row for row in book[book.sheetnames[1]].iter_rows(values_only=True)]
    check(any(row[0] == "Chain hash" for row in stamp), "the version stamp beside the template")
except ImportError:
    check(False, "openpyxl reads the XLSX (scripts/install-deps.sh installs python3-openpyxl)")

# --- made again by verify-export, signed or not ------------------------------------------------
unsigned = os.path.join(work, "ico.csv")
done = run("export", "-f", "csv", "--template", "ico", "-o", unsigned)
done = run("verify-export", unsigned)
check(done.returncode == 0, "an unsigned template export is made again from the register: " + done.stdout + done.stderr)
key = os.path.join(work, "dpo.key")
done = run("key", "new", key)
check(done.returncode == 0, "key new: " + done.stderr)
signed = os.path.join(work, "ico-signed.xlsx")
done = run("export", "-f", "xlsx", "--template", "ico", "-o", signed, "--sign", key)
check(done.returncode == 0, "a signed template export: " + done.stderr)
with open(signed + ".sig") as f:
    check('"template": "ico"' in f.read(), "the signature names the template the file was laid out in")
done = run("verify-export", signed)
check(done.returncode == 0, "the signed template export verifies: " + done.stdout + done.stderr)

# --- refusals change nothing ------------------------------------------------------------------
before = digest()
for args, what in ((("-f", "html", "--template", "ico"), "a template asked of html"),
                   (("-f", "xlsx", "--template", "ico", "--since", "1", "-o", os.path.join(work, "s.xlsx")),
                    "the changes since a version, which a template has no place for"),
                   (("-f", "csv", "--template", "cnil-2019"), "a template ropa does not know")):
    done = run("export", *args)
    check(done.returncode == 3 and "template" in done.stderr, "%s is refused (exit %d): %s" %
          (what, done.returncode, done.stderr.strip()))
done = run("export", "-f", "csv", "--template", "")
check(done.returncode == 2 and "--template" in done.stderr, "an empty template name is a usage error: " + done.stderr)
check(digest() == before, "the refusals left the register byte for byte as it was")

if failures:
    sys.exit("%d check(s) failed" % len(failures))
print("the ICO template: columns as the ICO's, rows filled, refusals")
