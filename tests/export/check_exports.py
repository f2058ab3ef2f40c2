#!/usr/bin/python3
"""Reads ropa's exports back with independent tools: the JSON against the published schema
(jsonschema), the CSV with Python's csv module, the XLSX with openpyxl, the HTML with a
strict tag-balance check. Run by CTest: check_exports.py ROPA SCHEMA WORKDIR."""
import csv, html.parser, json, os, subprocess, sys

import jsonschema
import openpyxl

ropa, schema_path, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
db = os.path.join(work, "ccb.db")
if os.path.exists(db):
    os.remove(db)
env = dict(os.environ, ROPA_ACTOR="test")
def run(*args):
    subprocess.run([ropa, "--db", db, *args], check=True, env=env, stdout=subprocess.DEVNULL)
run("init", "--seed", "ccb-annex")
run("subject", "add", "visitors", "--name", "Visitors", "-m", "t")
run("activity", "add", "A-VISIT", "--name", "Visitor reception, \"front desk\"", "--purpose", "P52", "--basis",
    "art6-1-e", "--category", "identification", "--subject", "visitors", "-m", "t")
run("retention", "add", "--activity", "A-VISIT", "--duration-value", "1", "--duration-unit", "year", "-m", "t")
run("activity", "edit", "A-VISIT", "--next-review-date", "2099-01-31", "--description",
    "A long description that wraps over several lines of its column in a spreadsheet, " * 4, "-m", "t")
# values holding the old separator and a line break: each must stay one value of its cell
run("recipient", "add", "BANKS", "--name", "Banks; insurers", "--kind", "external", "-m", "t")
run("recipient", "add", "TAX", "--name", "Tax office\nCentral unit", "--kind", "public_authority", "-m", "t")
run("link", "activity-recipient", "A-VISIT", "BANKS", "-m", "t")
run("link", "activity-recipient", "A-VISIT", "TAX", "-m", "t")
# hostile names (the auditor's trial): a formula, HTML, Markdown syntax; each must stay text
formula = '=HYPERLINK("http://evil.example","click")'
markup = "<script>alert(1)</script> *bold* [link](http://x) `code` | pipe"
run("activity", "add", "Z-HOSTILE", "--name", formula, "--purpose", "P52", "--basis", "art6-1-e", "--category",
    "identification", "--subject", "visitors", "--owner", "@SUM(A1:A2)", "-m", "t")
run("recipient", "add", "MARKUP", "--name", markup, "--kind", "external", "-m", "t")
run("link", "activity-recipient", "Z-HOSTILE", "MARKUP", "-m", "t")
# a bidirectional override would show a name other than the one stored: refused, nothing written
before = open(db, "rb").read()
bidi = subprocess.run([ropa, "--db", db, "activity", "add", "A-BIDI", "--name", "invoice\u202egnp.exe", "-m", "t"],
                      env=env, capture_output=True, text=True)
out = {f: os.path.join(work, "r." + f) for f in ("json", "csv", "csv-matrix", "xlsx", "html", "md")}
for f, path in out.items():
    run("export", "-f", f, "--lang", "en", "--force", "-o", path)

passed = failed = 0
def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAILED:", name, detail)

schema = json.load(open(schema_path))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.load(open(out["json"]))
errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
check("json validates against the schema", not errors, errors[:3])
check("json has 63 purposes", len(doc["purposes"]) == 63)
check("json activity carries its links", doc["activities"][0]["purposes"] == ["P52"])
check("json retention", doc["activities"][0]["retention"][0]["duration_value"] == 1)

rows = list(csv.reader(open(out["csv"], newline="", encoding="utf-8")))
check("csv header and two activities", len(rows) == 3, len(rows))
check("csv quoting round-trips", rows[1][1] == 'Visitor reception, "front desk"', rows[1][1])
recipients = rows[1][rows[0].index("Recipients (Art. 30(1)(d))")].split("\n")
check("csv multi-valued cell: one value per line", len(recipients) == 2 and recipients[0].startswith("Banks; insurers (")
      and recipients[1].startswith("Tax office, Central unit ("), recipients)
check("csv columns in Art. 30 order", rows[0][6] == "Purposes (Art. 30(1)(b))", rows[0][6])
matrix = list(csv.reader(open(out["csv-matrix"], newline="", encoding="utf-8")))
check("csv matrix has 63 purposes", len(matrix) == 64, len(matrix))
check("csv matrix ticks", sum(cell == "\u2713" for row in matrix[1:] for cell in row) == 111)

book = openpyxl.load_workbook(out["xlsx"])
check("xlsx sheets", book.sheetnames == ["Controller", "Activities", "Purposes", "Legal catalogue", "Check",
                                         "Change log"], book.sheetnames)
findings = book["Check"]
check("xlsx check findings", findings["B1"].value == "Severity" and findings.max_row > 1
      and any(findings.cell(row=r, column=5).value == "purpose-without-basis" for r in range(2, findings.max_row + 1)))
check("xlsx check summary", any(str(c.value).startswith("Completeness") for c in findings["A"]))
activities = book["Activities"]
check("xlsx activity row", activities["A2"].value == "A-VISIT" and activities["B2"].value.startswith("Visitor"))
check("xlsx header frozen", activities.freeze_panes == "A2", activities.freeze_panes)
check("xlsx autofilter", activities.auto_filter.ref is not None)
# on paper: A4 landscape, the header row and the reference column on every page, pages numbered
check("xlsx landscape A4", activities.page_setup.orientation == "landscape" and str(activities.page_setup.paperSize) == "9",
      (activities.page_setup.orientation, activities.page_setup.paperSize))
check("xlsx header row and reference column repeat",
      activities.print_title_rows.replace("$", "") == "1:1" and activities.print_title_cols.replace("$", "") == "A:A",
      (activities.print_title_rows, activities.print_title_cols))
check("xlsx pages numbered", "&P" in (activities.oddFooter.right.text or ""), activities.oddFooter.right.text)
purposes = book["Purposes"]
check("xlsx matrix", purposes.max_row == 64 and purposes["E4"].value == "\u2713")
check("xlsx legal catalogue", book["Legal catalogue"].max_row > 33)
check("xlsx change log", book["Change log"].max_row >= 6)
# dates are date cells, counts numbers, rows as tall as their wrapped text, and the file names
# its maker (what the auditor's trial found missing)
import datetime
header = [c.value for c in activities[1]]
def cell(name, row=2):
    return activities.cell(row=row, column=header.index(name) + 1)
check("xlsx dates are date cells", isinstance(cell("Next review").value, datetime.datetime)
      and cell("Next review").value.date() == datetime.date(2099, 1, 31)
      and cell("Next review").number_format == "yyyy-mm-dd", (cell("Next review").value, cell("Next review").number_format))
check("xlsx entry recorded on a date", isinstance(cell("Recorded on").value, datetime.datetime), cell("Recorded on").value)
check("xlsx revision is a number", cell("Revision").value == 2, cell("Revision").value)
check("xlsx change is a number", isinstance(cell("Last changed in change").value, int), cell("Last changed in change").value)
check("xlsx reference stays text", isinstance(cell("Reference").value, str))
check("xlsx row as tall as its wrapped text", (activities.row_dimensions[2].height or 0) >= 4 * 15,
      activities.row_dimensions[2].height)
log = book["Change log"]
check("xlsx change log time is a date cell", isinstance(log["B2"].value, datetime.datetime), log["B2"].value)
check("xlsx file names ropa", "ropa" in (book.properties.description or ""), book.properties.description)
catalogue = book["Legal catalogue"]
check("xlsx narrow sheet fits the page width", catalogue.sheet_properties.pageSetUpPr is not None
      and catalogue.sheet_properties.pageSetUpPr.fitToPage and catalogue.page_setup.fitToWidth in (1, None)
      and catalogue.page_setup.fitToHeight == 0, (catalogue.page_setup.fitToWidth, catalogue.page_setup.fitToHeight))
check("xlsx controller stamp", book["Controller"]["B2"].value == "Centre for Cybersecurity Belgium")

# LibreOffice, a reader of its own, opens the workbook and prints it: every sheet there, the
# dates shown as dates, the pages numbered (tests/export/check_exports.py needs soffice, which
# scripts/install-deps.sh installs)
import shutil, glob
soffice = shutil.which("soffice")
check("LibreOffice is installed (scripts/install-deps.sh)", soffice is not None)
if soffice:
    pdf_dir = os.path.join(work, "lo")
    shutil.rmtree(pdf_dir, ignore_errors=True)
    subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + os.path.join(work, "lo-profile"),
                    "--convert-to", "pdf", "--outdir", pdf_dir, out["xlsx"]], check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(["pdftotext", "-layout", os.path.join(pdf_dir, "r.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.count("\f")
    check("LibreOffice prints the workbook", pages >= 4, pages)
    check("LibreOffice shows the activity", "A-VISIT" in text)
    check("LibreOffice shows a date cell as a date", "2099-01-31" in text)
    check("LibreOffice numbers the pages", "Page 1 of" in text and f"of {pages}" in text)
    check("LibreOffice shows every sheet", all(name in text for name in ("Controller", "Activities", "Purposes",
                                                                        "Legal catalogue", "Check", "Change log")))

# the hostile names, read back by independent readers
check("a bidi override is refused (exit 3), the register unchanged", bidi.returncode == 3 and open(db, "rb").read() == before
      and "name" in bidi.stderr, (bidi.returncode, bidi.stderr))
hostile = next(r for r in rows if r[0] == "Z-HOSTILE")
check("csv formula neutralised", hostile[1] == "'" + formula, hostile[1])
check("csv @ formula neutralised", "'@SUM(A1:A2)" in hostile, hostile)
hostile_row = next(r for r in range(2, activities.max_row + 1) if activities.cell(row=r, column=1).value == "Z-HOSTILE")
name_cell = activities.cell(row=hostile_row, column=2)
check("xlsx formula stays a string", name_cell.data_type == "s" and name_cell.value == formula,
      (name_cell.data_type, name_cell.value))
if soffice:
    # LibreOffice imports the CSV as a user opening it would: no cell may become a formula
    subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + os.path.join(work, "lo-profile"),
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", os.path.join(work, "lo-csv"),
                    out["csv"]], check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    imported = openpyxl.load_workbook(os.path.join(work, "lo-csv", "r.xlsx")).active
    formulas = [c.coordinate for row in imported.iter_rows() for c in row if c.data_type == "f"]
    check("LibreOffice imports no CSV cell as a formula", not formulas, formulas[:5])
import markdown
rendered = markdown.markdown(open(out["md"], encoding="utf-8").read(), extensions=["tables"])
check("markdown renders hostile names as text", "<script" not in rendered and "<em>bold" not in rendered
      and 'href="http://x"' not in rendered and "<code>code" not in rendered and "&lt;script&gt;" in rendered)
check("markdown tables survive a pipe in a name", rendered.count("<table>") >= 5)
page_text = open(out["html"], encoding="utf-8").read()
check("html renders hostile names as text", "<script" not in page_text and "&lt;script&gt;alert(1)" in page_text)

class Balance(html.parser.HTMLParser):
    void = {"meta", "br", "link", "img", "hr", "input"}
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.external = [], [], []
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and "://" in value:
                self.external.append(value)
        if tag not in self.void:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()
page = open(out["html"], encoding="utf-8").read()
parser = Balance()
parser.feed(page)
check("html starts with the HTML5 doctype", page.startswith("<!DOCTYPE html>"))
check("html tags balance", not parser.errors and not parser.stack, (parser.errors[:3], parser.stack))
check("html self-contained", not parser.external and "<script" not in page, parser.external)
check("html has table headers", page.count('scope="col"') > 10 and page.count('scope="row"') > 60)
check("html print styles", "@media print" in page)
md = open(out["md"], encoding="utf-8").read()
check("markdown tables", md.count("| --- |") >= 5)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
