#!/usr/bin/env python3
"""Writes the history triggers of migrations/0003_history.sql for every register table.

Run once, when migration 0003 was written: python3 migrations/tools/make_history_triggers.py DB
where DB is a register at level 2. The generated SQL is what is reviewed and committed; the
row encoding here (json_object of every column in table order, key = primary key columns
joined with ':') must match src/history/row_encoding.cpp, which verify uses.
"""
import sqlite3, sys

db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
out = []
for t in tables:
    cols = db.execute(f"PRAGMA table_info({t})").fetchall()  # cid, name, type, notnull, dflt, pk
    names = [c[1] for c in cols]
    pk = [c[1] for c in sorted((c for c in cols if c[5] > 0), key=lambda c: c[5])]
    def obj(alias):
        return "json_object(" + ", ".join(f"'{n}', {alias}.{n}" for n in names) + ")"
    def key(alias):
        return " || ':' || ".join(f"{alias}.{n}" for n in pk)
    guard = ("    SELECT RAISE(ABORT, 'ropa: write outside a change (use ropa, or Register::write)')\n"
             "        WHERE NOT EXISTS (SELECT 1 FROM change WHERE state = 'open');\n")
    for event, before, after, k in (("INSERT", "NULL", obj("NEW"), key("NEW")),
                                    ("UPDATE", obj("OLD"), obj("NEW"), key("NEW")),
                                    ("DELETE", obj("OLD"), "NULL", key("OLD"))):
        out.append(f"CREATE TRIGGER history_{t}_{event.lower()} AFTER {event} ON {t}\nBEGIN\n{guard}"
                   f"    INSERT INTO row_history (change_id, table_name, row_key, before, after)\n"
                   f"        VALUES ((SELECT id FROM change WHERE state = 'open'), '{t}', {k}, {before}, {after});\nEND;\n")
    out.append(f"INSERT INTO row_history (change_id, table_name, row_key, before, after)\n"
               f"    SELECT (SELECT id FROM change WHERE state = 'open'), '{t}', {key(t)}, NULL, {obj(t)} FROM {t};\n")
print("\n".join(out))
