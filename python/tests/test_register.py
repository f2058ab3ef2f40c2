"""The Python package as a tool author uses it: a whole session through the installed library
(issue: a library other tools can build on). Run with ROPA_LIBRARY naming libropa_c.so:
    ROPA_LIBRARY=build/libropa_c.so python3 -m unittest discover -s python/tests"""

import json
import os
import tempfile
import threading
import unittest

import ropa


def en(text):
    return {"en": text}


class WholeSession(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "first.ropa")
        self.reg = ropa.Register.create(self.path)

    def tearDown(self):
        self.reg.close()
        self.folder.cleanup()

    def record_passports(self):
        with self.reg.change("dpo", "passports recorded") as change:
            change.add("source", "pasw-7", {"title": en("Passport Act"), "article": "art. 7", "jurisdiction": "NL"})
            change.add("purpose", "PASS", {"name": en("Issuing passports")})
            change.link("purpose-basis", "PASS", "art6-1-e")
            change.add("activity", "A-PASS", {"name": en("Passports")})
            change.link("activity-purpose", "A-PASS", "PASS")
            change.link("activity-basis", "A-PASS", "art6-1-e", {"legal_sources": ["pasw-7"]})
        return change

    def test_a_session_from_one_change_to_a_verified_copy(self):
        change = self.record_passports()
        self.assertTrue(change.changed)
        self.assertEqual(self.reg.links("activity-basis", "A-PASS")[0]["legal_sources"], ["pasw-7"])
        self.reg.tag("sent", "sent to the authority", "dpo")
        revision = self.reg.get("activity", "A-PASS")["revision"]
        self.reg.edit("activity", "A-PASS", {"owner": "Consular affairs"}, "dpo", "owner", expected_revision=revision)
        # an editor holding the old revision is refused, with the record's place named
        with self.assertRaises(ropa.Conflict) as refused:
            self.reg.edit("activity", "A-PASS", {"owner": "Someone"}, "editor", "stale", expected_revision=revision)
        self.assertTrue(refused.exception.field.startswith("operations[0]"), refused.exception.field)
        self.assertEqual(self.reg.get("activity", "A-PASS")["fields"]["owner"], "Consular affairs")
        # what changed since the version sent, and that version itself
        diff = self.reg.diff("sent")
        self.assertIn("owner", [field["field"] for record in diff["records"] for field in record.get("fields", [])])
        with self.reg.at("sent") as sent:
            self.assertIsNone(sent.get("activity", "A-PASS")["fields"]["owner"])
            exported = sent.export("json")
        # imported into a second register, which verifies
        with ropa.Register.create(os.path.join(self.folder.name, "second.ropa")) as copy:
            self.assertGreater(copy.import_json(exported.decode("utf-8"), "dpo", "copy of the version sent"), 0)
            exported_file = os.path.join(self.folder.name, "sent.json")
            with open(exported_file, "wb") as out:
                out.write(exported)
            self.assertEqual(copy.import_json_file(exported_file, "dpo", "nightly sync", replace=True), 0)
            self.assertEqual(copy.links("activity-basis", "A-PASS")[0]["legal_sources"], ["pasw-7"])
            self.assertTrue(copy.verify()["ok"])
        self.assertTrue(self.reg.verify()["ok"])

    def test_a_path_given_to_the_constructor_is_refused_not_a_crash(self):
        with self.assertRaises(TypeError) as refused:
            ropa.Register(os.path.join(self.folder.name, "file.db"))
        self.assertIn("Register.open", str(refused.exception))

    def test_a_change_is_all_or_nothing_and_names_the_field_at_fault(self):
        with self.assertRaises(ropa.ValidationError) as refused:
            with self.reg.change("dpo", "two writes") as change:
                change.add("purpose", "FINE", {"name": en("Fine")})
                change.add("activity", "BAD", {"name": en("Bad"), "start_date": "2026-02-30"})
        self.assertEqual(refused.exception.field, "operations[1].fields.start_date")
        self.assertEqual(refused.exception.code, 1)
        with self.assertRaises(ropa.NotFound):
            self.reg.get("purpose", "FINE")
        # an exception inside the block writes nothing at all
        with self.assertRaises(RuntimeError):
            with self.reg.change("dpo", "abandoned") as change:
                change.add("purpose", "NEVER", {"name": en("Never")})
                raise RuntimeError("changed my mind")
        self.assertEqual([r["code"] for r in self.reg.records("purpose")], [])

    def test_the_rules_refuse_what_an_approved_activity_may_not_do(self):
        self.record_passports()
        with self.reg.change("dpo", "complete and approve") as change:
            change.add("category", "NAME", {"name": en("Name")})
            change.add("subject", "CITIZENS", {"name": en("Citizens")})
            change.link("purpose-category", "PASS", "NAME")
            change.link("activity-category", "A-PASS", "NAME")
            change.link("activity-subject", "A-PASS", "CITIZENS")
            change.edit("activity", "A-PASS", {"status": "active"})
        self.reg.add("category", "HEALTH", {"name": en("Health"), "is_special": True}, "dpo", "health")
        with self.assertRaises(ropa.RuleViolation) as refused:
            self.reg.link("activity-category", "A-PASS", "HEALTH", "dpo", "try")
        self.assertIn("Art. 5(1)(b)", refused.exception.message)
        self.assertEqual([(rule["code"], rule["article"]) for rule in refused.exception.rules],
                         [("category-not-allowed", "Art. 5(1)(b)"), ("art9-condition-missing", "Art. 9(2)")])

    def test_records_filters_log_exports_and_the_model(self):
        self.record_passports()
        self.assertEqual([r["code"] for r in self.reg.records("activity", search="passp")], ["A-PASS"])
        self.assertEqual(list(self.reg.records("activity", status="active")), [])
        with self.assertRaises(ropa.ValidationError):
            self.reg.records("activity", colour="red")
        self.assertIn("A-PASS", self.reg.log(entity="activity", code="A-PASS")[0]["summary"])
        html = self.reg.export("html", "en")
        self.assertTrue(html.startswith(b"<!DOCTYPE html"))
        self.assertTrue(self.reg.export("xlsx").startswith(b"PK"))
        self.assertEqual(json.loads(self.reg.export("json"))["format_version"], 4)
        self.assertEqual(json.loads(self.reg.export("json", format_version=2))["format_version"], 2)
        with self.assertRaises(ropa.ValidationError):
            self.reg.export("csv", format_version=2)
        target = os.path.join(self.folder.name, "record.md")
        self.reg.export_file(target, "md")
        with open(target, "rb") as written:
            self.assertIn(b"Passports", written.read())
        with self.assertRaises(ropa.Conflict):  # never over the register itself
            self.reg.export_file(self.path, "json")
        entities = {entity["name"] for entity in ropa.model()["entities"]}
        self.assertTrue({"activity", "purpose", "source"} <= entities)
        self.assertTrue(ropa.seeds())
        self.assertRegex(ropa.version(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(self.reg.info()["schema_level"], self.reg.info()["program_schema_level"])

    def test_settings_documents_and_signed_exports(self):
        self.record_passports()
        with self.reg.change("dpo", "settings") as change:
            change.settings(review_interval_months=24)
        self.assertEqual(self.reg.settings()["review_interval_months"], 24)
        # A warning of check accepted with its reason: no longer open, still in the record.
        warning = next(f for f in self.reg.check()["findings"] if f["severity"] == "warning"
                       and f["subject"].startswith("activity:"))
        with self.reg.change("dpo", "accepted") as change:
            change.acknowledge(warning["code"], warning["subject"], "known and accepted")
        accepted = [f for f in self.reg.check()["findings"] if "acknowledgement" in f]
        self.assertEqual([(f["code"], f["acknowledgement"]["reason"]) for f in accepted],
                         [(warning["code"], "known and accepted")])
        self.assertEqual(self.reg.acknowledgements()[0]["acknowledged_by"], "dpo")
        document = self.reg.activity_document("A-PASS")
        self.assertFalse(self.reg.apply_activity_document(document, "dpo", "unchanged"))
        document["owner"] = "Consular affairs"
        self.assertTrue(self.reg.apply_activity_document(document, "dpo", "owner"))
        self.assertNotIn(b"A-PASS", self.reg.export("md", approved_only=True))
        key = os.path.join(self.folder.name, "dpo.key")
        fingerprint = ropa.key_new(key)
        target = os.path.join(self.folder.name, "record.html")
        self.reg.export_file(target, "html", key_path=key)
        checked = ropa.verify_export(target, self.reg)
        self.assertTrue(checked["ok"], checked["problems"])
        self.assertEqual(checked["signer"], fingerprint)
        with open(target, "r+b") as tampered:
            tampered.seek(100)
            tampered.write(b"X")
        self.assertFalse(ropa.verify_export(target)["ok"])  # by its signature alone

    def test_errors_are_typed_and_readable_whatever_the_input(self):
        with self.assertRaises(ropa.NotFound) as missing:
            self.reg.get("activity", "NOPE")
        self.assertIn("NOPE", str(missing.exception))
        with self.assertRaises(ropa.RopaError) as odd:
            self.reg.get("activity", b"bad\xff".decode("latin-1"))
        self.assertIsInstance(odd.exception.message, str)
        with self.assertRaises(ropa.NotARegister):
            not_a_register = os.path.join(self.folder.name, "notes.txt")
            with open(not_a_register, "w") as notes:
                notes.write("not a database")
            ropa.Register.open(not_a_register)
        closed = ropa.Register.open(self.path, read_only=True)
        closed.close()
        with self.assertRaises(ValueError):
            closed.get("activity", "A-PASS")

    def test_one_register_shared_by_threads(self):
        failures = []

        def write(prefix):
            try:
                for i in range(10):
                    self.reg.add("purpose", f"{prefix}-{i}", {"name": en("Threaded")}, "dpo", "threads")
                    self.reg.records("purpose")
            except Exception as error:  # collected, asserted in the main thread
                failures.append(error)

        threads = [threading.Thread(target=write, args=(name,)) for name in ("A", "B")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(failures, [])
        self.assertEqual(len(list(self.reg.records("purpose"))), 20)


if __name__ == "__main__":
    unittest.main()
