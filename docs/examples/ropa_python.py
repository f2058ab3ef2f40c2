#!/usr/bin/env python3
"""ropa from Python, with the package in python/ (pip install ./python).

    ROPA_LIBRARY=/path/to/libropa_c.so python3 docs/examples/ropa_python.py register.ropa

Records an activity whose legal basis cites its law in one change, tags the version sent to
the authority, and prints what changed since and the check. The test suite runs this file
against an installed package, so it stays true to the library."""
import sys

import ropa

with ropa.Register.create(sys.argv[1]) as reg:
    with reg.change("dpo", "passports recorded") as change:
        change.add("source", "pasw-7", {"title": {"en": "Passport Act"}, "article": "art. 7", "jurisdiction": "NL"})
        change.add("purpose", "PASS", {"name": {"en": "Issuing passports"}})
        change.link("purpose-basis", "PASS", "art6-1-e")
        change.add("activity", "A-PASS", {"name": {"en": "Passports"}})
        change.link("activity-purpose", "A-PASS", "PASS")
        change.link("activity-basis", "A-PASS", "art6-1-e", {"legal_sources": ["pasw-7"]})
    reg.tag("sent", "sent to the authority", "dpo")
    reg.edit("activity", "A-PASS", {"owner": "Consular affairs"}, "dpo", "owner named")
    try:
        reg.edit("activity", "A-PASS", {"start_date": "2026-02-30"}, "dpo", "a typo")
    except ropa.ValidationError as refused:
        print("refused:", refused.field)
    for record in reg.diff("sent")["records"]:
        print("changed since sent:", record["entity"], record["code"])
    report = reg.check()
    print(f"check: {report['errors']} errors, {report['warnings']} warnings")
    print("verify:", "ok" if reg.verify()["ok"] else "FAILED")
