#!/usr/bin/env python3
"""`ropa export --template ico|cnil`: the record in the UK ICO's documentation template for
controllers, and in the CNIL's model register (a list of processings and a fiche for each, its
sections, their columns and rows compared with tests/templates/cnil-*.columns). Its headings are compared, column by column, with the template's own
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
signed = os.path.join(work, "cnil-signed.xlsx")
done = run("export", "-f", "xlsx", "--template", "cnil", "-o", signed, "--sign", key)
check(done.returncode == 0, "a signed CNIL template export: " + done.stderr)
done = run("verify-export", signed)
check(done.returncode == 0, "the CNIL's forms are made again from the register, byte for byte: " + done.stdout + done.stderr)

# --- the CNIL's model: its list of processings, then a fiche for each ---------------------------
def fiche_sections():
    """The fiche's sections as the .columns file holds them: (heading, sub-columns, row labels)."""
    sections = []
    for line in template_columns("cnil-registre-simplifie.columns"):
        if line.startswith("  "):
            sections[-1][2].append(line.strip())
        else:
            heading, *columns = line.split(" | ")
            sections.append((heading, columns, []))
    return sections


cnil = os.path.join(work, "cnil.xlsx")
done = run("export", "-f", "xlsx", "--template", "cnil", "-o", cnil)
check(done.returncode == 0, "export -f xlsx --template cnil: " + done.stderr)
try:
    import openpyxl
    book = openpyxl.load_workbook(cnil, read_only=True)
    check(book.sheetnames == ["Liste des traitements", "Controller", "Fiches de registre"],
          "the list, the controller, the fiches: %s" % book.sheetnames)
    listed = list(book["Liste des traitements"].iter_rows(values_only=True))
    check(list(listed[0]) == template_columns("cnil-liste-des-traitements.columns"),
          "the list's columns are the CNIL's, in its order: %s" % (listed[0],))
    check(sorted(row[1] for row in listed[1:]) == sorted(a["Reference"] for a in ours if a["Name of the processing"] in
                                                        controllers),
          "one line per activity done as controller: %s" % [row[1] for row in listed[1:]])
    check({row[1]: row[5] for row in listed[1:]}.get("A-NEWS") == "no" and
          {row[1]: row[5] for row in listed[1:]}.get("A-VISA") == "yes", "sensitive data: yes or no")
    # the fiches, cut where each begins
    cells = [[c for c in row] for row in book["Fiches de registre"].iter_rows(values_only=True)]
    fiches, current = {}, None
    for row in cells:
        if row and row[0] == "Fiche de registre":
            current = fiches.setdefault(row[1], [])
        elif current is not None and any(c is not None for c in row):
            current.append(row)
    check(sorted(fiches) == sorted(row[1] for row in listed[1:]), "a fiche for each activity in the list: %s" % sorted(fiches))
    sections = fiche_sections()
    fixed = {"Description du traitement", "Acteurs"}
    numbered_rows = {"Finalité(s) du traitement effectué", "Catégories de personnes concernées", "Destinataires",
                     "Mesures de sécurité", "Transferts hors UE"}
    for code, rows in fiches.items():
        # a section starts at a row whose first cell is a section's heading
        headings = [(row[0], [c for c in row[1:] if c is not None]) for row in rows
                    if row[0] in {s[0] for s in sections}]
        check(headings == [(s[0], s[1]) for s in sections],
              "%s: the fiche's sections and their columns are the CNIL's, in its order: %s" % (code, headings))
        at = {row[0]: i for i, row in enumerate(rows) if row[0] in {s[0] for s in sections}}
        for heading, _, labels in sections:
            start = at.get(heading, len(rows))
            ends = [i for i in at.values() if i > start]
            body = [row[0] for row in rows[start + 1:min(ends) if ends else len(rows)]]
            if heading in fixed:
                check(body[:len(labels) - 1] == labels[:-1] and body[len(labels) - 1:] and
                      set(body[len(labels) - 1:]) == {labels[-1]},
                      "%s: %s has the CNIL's rows: %s" % (code, heading, body))
            elif heading in numbered_rows:
                check(body[:len(labels)] == labels, "%s: %s numbers its rows as the CNIL does: %s" % (code, heading, body))
    visa = fiches.get("A-VISA", [])
    rows_by_label = {}
    for row in visa:
        rows_by_label.setdefault(row[0], []).append([c for c in row[1:] if c is not None])
    check(rows_by_label.get("Finalité principale") == [["Deciding on visa applications"]], "the main purpose")
    check(["Immigration Service (IND)"] == [r[0].split("\n")[0] for r in rows_by_label.get("Responsable(s) conjoint(s)", [])],
          "the joint controller among the actors: %s" % rows_by_label.get("Responsable(s) conjoint(s)"))
    identity = rows_by_label.get("Identity data", [[]])[0]
    check(len(identity) == 2 and "1 year" in identity[1] and "5 years" in identity[1],
          "a category with its time limits, per group of data subjects: %s" % identity)
    check(rows_by_label.get("Fingerprints and facial image (Art. 9)", [[None, None]])[0][-1] ==
          "59 months (Art. 23 VIS Regulation)", "an Art. 9 category under the sensitive data, its time limit")
    check(rows_by_label.get("Organisme destinataire 1", [[]])[0][:2] == ["Hosting provider", "United States (US)"] and
          "Art. 46(2)(c)" in rows_by_label.get("Organisme destinataire 1", [["", "", ""]])[0][2],
          "a transfer with its recipient, country and safeguard: %s" % rows_by_label.get("Organisme destinataire 1"))
    recipients = [r for label, rows in rows_by_label.items() if label.startswith("Destinataire ") for r in rows if r]
    check(sum("CloudCo" in r[-1] for r in recipients) == 1 and
          any("CloudCo" in r[-1] and "DPA-2024-7" in r[-1] for r in recipients),
          "the processor once among the recipients, with its contract: %s" % recipients)
    joint = [r for r in visa if r[0] == "Responsable(s) conjoint(s)"]
    check(joint and joint[0][7] == "privacy@ind.example" and joint[0][2] == "Postbus 287, Zwolle" and
          "responsible for" in joint[0][1],
          "a joint controller's contact under its e-mail, its address under Adresse, its share under its name: %s" %
          (joint[0] if joint else None))
    check("Art. 6(1)(e)" in " ".join(" ".join(r) for r in rows_by_label.get("Legal bases (Art. 6, 9, 10)", [])),
          "what the model has no place for (the legal bases) in a section of ropa's own: %s" %
          rows_by_label.get("Legal bases (Art. 6, 9, 10)"))
    stamp = {row[0]: row[1] for row in book["Controller"].iter_rows(values_only=True) if row and row[0]}
    check("done as controller" in stamp.get("Activities", "") and "1 activity done as processor" in stamp.get("Activities", ""),
          "the stamp says which activities the template holds and how many it leaves out: %s" % stamp.get("Activities"))
except ImportError:
    check(False, "openpyxl reads the XLSX (scripts/install-deps.sh installs python3-openpyxl)")

# --- refusals change nothing ------------------------------------------------------------------
before = digest()
for args, what in ((("-f", "html", "--template", "ico"), "a template asked of html"),
                   (("-f", "xlsx", "--template", "ico", "--since", "1", "-o", os.path.join(work, "s.xlsx")),
                    "the changes since a version, which a template has no place for"),
                   (("-f", "csv", "--template", "cnil-2019"), "a template ropa does not know"),
                   (("-f", "csv", "--template", "cnil"), "the CNIL's forms asked of csv, which holds one table")):
    done = run("export", *args)
    check(done.returncode == 3 and "template" in done.stderr, "%s is refused (exit %d): %s" %
          (what, done.returncode, done.stderr.strip()))
done = run("export", "-f", "csv", "--template", "")
check(done.returncode == 2 and "--template" in done.stderr, "an empty template name is a usage error: " + done.stderr)
check(digest() == before, "the refusals left the register byte for byte as it was")

if failures:
    sys.exit("%d check(s) failed" % len(failures))
print("the ICO and CNIL templates: columns and sections as theirs, rows filled, refusals")
