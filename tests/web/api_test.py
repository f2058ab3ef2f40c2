#!/usr/bin/env python3
"""The HTTP API of `ropa serve` (/api/v1), over real HTTP: API tokens (`ropa user token`), what
each role may do, the library's error codes and field paths in JSON, paging, and every refusal
leaving the register byte for byte as it was. The OpenAPI document the server publishes is
validated by an independent validator (swagger-parser, from the npm registry: a test-only tool
installed here), and every reply the test received is checked against the response the document
declares for its path, method and status (JSON Schema, by python3-jsonschema).

Usage: api_test.py ROPA SOURCE_DIR WORK_DIR"""

import http.client
import json
import os
import re
import shutil
import subprocess
import sys

from serve_support import ServeTest, add_account, start_server, stop_server

test = ServeTest(sys.argv)
check, run = test.check, test.run
PASSWORD = "a long enough password"



test.ministry_register()
tokens = {}
for name, role in (("dora", "dpo"), ("erik", "editor"), ("vera", "viewer")):
    assert add_account(test, name, role, PASSWORD).returncode == 0
    issued = run("user", "token", name)
    check(issued.returncode == 0 and len(issued.stdout.strip()) == 64, "user token %s: %s" % (name, issued.stderr))
    tokens[name] = issued.stdout.strip()
with open(test.db + ".accounts", "rb") as f:
    check(tokens["dora"].encode() not in f.read(), "the accounts file keeps a token's hash, never the token")

server, base = start_server(test.ropa, test.db)
port = int(base.rsplit(":", 1)[1])


def call(method, path, body=None, who=None, content_type="application/json", raw=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": "127.0.0.1:%d" % port}
    if who:
        headers["Authorization"] = "Bearer " + tokens.get(who, who)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None:
        headers["Content-Type"] = content_type
    connection.request(method, "/api/v1" + path, body=data, headers=headers)
    reply = connection.getresponse()
    text = reply.read().decode()
    connection.close()
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    replies.append((method, path.split("?")[0], reply.status, parsed, text))
    return reply.status, reply.headers, parsed


replies = []  # every reply received: checked against the OpenAPI document at the end


def openapi_schema(node):
    """An OpenAPI 3.0 schema as JSON Schema: `nullable` becomes a type that admits null."""
    if isinstance(node, list):
        return [openapi_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: openapi_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") and "type" in node:
        converted["type"] = [node["type"], "null"]
    return converted


def check_replies_against(document):
    """Each reply's status is one its operation declares (or its default), and its body is valid
    against the schema declared for it."""
    import jsonschema
    spec = openapi_schema(document)
    resolver = jsonschema.RefResolver.from_schema(spec)
    templates = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path) for path in spec["paths"]]
    checked = 0
    for method, path, status, body, text in replies:
        matched = [template for pattern, template in templates if pattern.match(path)]
        operation = spec["paths"][matched[0]].get(method.lower()) if matched else None
        if operation is None:
            check(False, "%s %s is in the OpenAPI document" % (method, path))
            continue
        response = operation["responses"].get(str(status), operation["responses"].get("default"))
        if response is None:
            check(False, "%s %s: the status %d is declared" % (method, path, status))
            continue
        if "$ref" in response:
            response = resolver.resolve(response["$ref"])[1]
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            check(text.strip() == "", "%s %s %d: no body declared, none sent" % (method, path, status))
            continue
        errors = [error.message for error in jsonschema.Draft4Validator(schema, resolver=resolver).iter_errors(body)]
        check(body is not None and not errors,
              "%s %s %d: the reply is what the document declares: %s" % (method, path, status, errors[:3]))
        checked += 1
    check(checked >= 30, "the replies checked against the document: %d" % checked)


def refused(what, status_wanted, code_wanted, method, path, body=None, who="dora", field=None, **kwargs):
    before = test.digest()
    status, _, answer = call(method, path, body, who, **kwargs)
    error = (answer or {}).get("error", {})
    check(status == status_wanted and error.get("code") == code_wanted,
          "%s: %d %s (wanted %d %s)" % (what, status, error, status_wanted, code_wanted))
    if field is not None:
        check(field in error.get("field", ""), "%s names the field %s: %s" % (what, field, error.get("field")))
    check(test.digest() == before, what + ": the register is byte for byte as it was")
    return error


try:
    # the OpenAPI document, public, validated by an independent validator
    status, headers, document = call("GET", "/openapi.json")
    document_published = document
    check(status == 200 and document.get("openapi", "").startswith("3."), "the OpenAPI document is published")
    with open(os.path.join(test.source, "docs/openapi.json")) as f:
        check(document == json.load(f), "the document published is docs/openapi.json")
    spec = os.path.join(test.work, "openapi.json")
    with open(spec, "w") as f:
        json.dump(document, f)
    npm_dir = os.path.join(test.work, "npm")
    if not (shutil.which("node") and shutil.which("npm")):
        check(False, "node and npm are needed to validate the OpenAPI document (scripts/install-deps.sh installs them)")
    else:
        installed = subprocess.run(["npm", "install", "--prefix", npm_dir, "--no-audit", "--no-fund", "--silent",
                                    "@apidevtools/swagger-parser@10.1.1"], capture_output=True, text=True)
        check(installed.returncode == 0, "swagger-parser installed: " + installed.stderr[-500:])
        validated = subprocess.run(["node", "-e", """
const SwaggerParser = require(process.argv[1] + "/node_modules/@apidevtools/swagger-parser");
SwaggerParser.validate(process.argv[2]).then(api => console.log("valid: " + api.info.title))
  .catch(error => { console.error(error.message); process.exit(1); });""", npm_dir, spec], capture_output=True, text=True)
        check(validated.returncode == 0, "the OpenAPI document is valid: " + validated.stdout + validated.stderr)
        for path in ("/records/{kind}", "/records/{kind}/{ref}", "/links/{link}", "/activities/{code}/document",
                     "/check", "/diff"):
            check(path in document["paths"], "the document describes " + path)

    # no token, a wrong one
    status, headers, answer = call("GET", "/records/activity")
    check(status == 401 and headers.get("WWW-Authenticate") == "Bearer" and answer["error"]["code"] == "unauthorized",
          "no token: 401 (%d)" % status)
    status, _, _ = call("GET", "/records/activity", who="0" * 64)
    check(status == 401, "a token that is no account's: 401 (%d)" % status)

    # a viewer reads the newest version
    status, _, activities = call("GET", "/records/activity", who="vera")
    check(status == 200 and "A-VISA" in [a["code"] for a in activities], "a viewer lists the activities")
    status, _, record = call("GET", "/records/activity/A-VISA", who="vera")
    check(status == 200 and record["fields"]["name"]["en"]["value"] == "Visa applications", "one record: %s" % record)
    refused("a viewer reads no past version", 403, "forbidden", "GET", "/records/activity?at=sent", who="vera")
    refused("a viewer writes nothing", 403, "forbidden", "POST", "/records/subject",
            {"code": "x", "fields": {"name": {"en": "X"}}, "reason": "r"}, who="vera")
    refused("an unknown record", 404, "not_found", "GET", "/records/activity/NO-SUCH", who="vera")

    # an editor writes; the change names the account
    status, _, created = call("POST", "/records/subject", {"code": "PATIENT", "fields": {"name": {"en": "Patients"}},
                                                          "reason": "a new kind of subject"}, who="erik")
    check(status == 201 and created["code"] == "PATIENT", "an editor adds a subject (%d): %s" % (status, created))
    newest = json.loads(run("log", "--json").stdout)[0]
    check(newest["actor"] == "erik" and newest["reason"] == "a new kind of subject", "the change names erik: %s" % newest)
    refused("no reason", 422, "validation", "POST", "/records/subject", {"code": "Y", "fields": {"name": {"en": "Y"}}},
            who="erik", field="reason")
    refused("not JSON", 422, "validation", "POST", "/records/subject", raw=b"{code", who="erik", field="body")
    refused("a body that is not JSON's type", 415, "unsupported_media_type", "POST", "/records/subject",
            raw=b"code=x", content_type="application/x-www-form-urlencoded", who="erik")
    refused("a date that is none", 422, "validation", "PATCH", "/records/activity/A-NEWS",
            {"fields": {"end_date": "2026-02-30"}, "reason": "x"}, who="erik", field="end_date")
    refused("an editor does not approve", 403, "forbidden", "PATCH", "/records/activity/A-NEWS",
            {"fields": {"status": "active"}, "reason": "x"}, who="erik")
    refused("an editor does not change the allowed links", 403, "forbidden", "POST", "/links/purpose-category",
            {"from": "NEWS-P", "to": "HEALTH", "reason": "x"}, who="erik")

    # the DPO approves; a stale revision and a broken rule are refused with their codes
    status, _, record = call("GET", "/records/activity/A-NEWS", who="dora")
    refused("a stale revision", 409, "conflict", "PATCH", "/records/activity/A-NEWS",
            {"fields": {"status": "active"}, "revision": record["revision"] + 5, "reason": "x"})
    status, _, approved = call("PATCH", "/records/activity/A-NEWS", {"fields": {"status": "active"},
                                                                    "revision": record["revision"], "reason": "reviewed"},
                               who="dora")
    check(status == 200 and approved["fields"]["status"] == "active" and approved["fields"]["approved_by"] == "dora",
          "the DPO approves (%d): %s" % (status, approved))
    error = refused("a category the purpose may not use", 422, "rule_violation", "POST", "/links/activity-category",
                    {"from": "A-NEWS", "to": "HEALTH", "reason": "x"})
    check(any(rule["article"].startswith("Art. 5(1)(b)") for rule in error.get("broken_rules", [])),
          "the broken rule and its article: %s" % error.get("broken_rules"))

    # an activity as a document, read and written back
    status, _, document = call("GET", "/activities/A-PAY/document", who="dora")
    check(status == 200 and document.get("code") == "A-PAY", "an activity's document")
    document["owner"] = "Payroll office"
    status, _, written = call("PUT", "/activities/A-PAY/document", {"document": document, "reason": "owner named"},
                              who="dora")
    check(status == 200 and written.get("owner") == "Payroll office", "the document written back (%d)" % status)

    # lists are paged by limit and offset, the log by limit and before
    status, _, every_purpose = call("GET", "/records/purpose", who="vera")
    paged, offset = [], 0
    while True:
        status, _, page = call("GET", "/records/purpose?limit=3&offset=%d" % offset, who="vera")
        if status != 200 or not page:
            break
        paged += page
        offset += 3
    check(len(every_purpose) > 3 and [p["code"] for p in paged] == [p["code"] for p in every_purpose],
          "the pages of 3 purposes, one after another, are every purpose in order (%d)" % len(paged))
    status, _, links = call("GET", "/links/purpose-category?limit=5&offset=2", who="vera")
    status_all, _, all_links = call("GET", "/links/purpose-category", who="vera")
    check(status == 200 and links == all_links[2:7], "a page of links")
    for bad in ("limit=0", "limit=10001", "limit=ten", "offset=-1"):
        refused("a page asked with " + bad, 422, "validation", "GET", "/records/purpose?" + bad, who="vera",
                field=bad.split("=")[0])
    status, _, newest = call("GET", "/log?limit=3", who="dora")
    check(status == 200 and len(newest) == 3, "the newest 3 changes (%d)" % len(newest or []))
    status, _, older = call("GET", "/log?limit=3&before=%d" % newest[-1]["id"], who="dora")
    check(status == 200 and older and all(c["id"] < newest[-1]["id"] for c in older) and
          older[0]["id"] == newest[-1]["id"] - 1, "the next page of the log starts below the last change seen")

    error = refused("removing a record an activity uses", 422, "rule_violation", "DELETE",
                    "/records/subject/APPLICANT?reason=gone")
    check([rule["code"] for rule in error.get("broken_rules", [])] == ["record-in-use"],
          "the rule a removal breaks is in broken_rules: %s" % error.get("broken_rules"))

    # a record read, changed and sent back as read (texts with their status) is understood
    status, _, record = call("GET", "/records/activity/A-PAY", who="dora")
    record["fields"]["description"] = {"en": {"value": "Paying staff, read and sent back", "status": "source"}}
    status, _, changed = call("PATCH", "/records/activity/A-PAY", {"fields": {"description": record["fields"]["description"]},
                                                                  "revision": record["revision"], "reason": "round trip"},
                              who="dora")
    check(status == 200 and changed["fields"]["description"]["en"]["value"] == "Paying staff, read and sent back",
          "a text sent back as read (%d): %s" % (status, changed))
    error = refused("a name given twice", 422, "validation", "PATCH", "/records/activity/A-PAY",
                    raw=b'{"fields": {}, "reason": "one", "reason": "two"}', field="body")
    check("twice" in error.get("message", ""), "the name given twice is said: %s" % error)
    error = refused("JSON cut short", 422, "validation", "PATCH", "/records/activity/A-PAY", raw=b'{"fields": {', field="body")
    check("exception" not in error.get("message", ""), "no parser's internals in the message: %s" % error)

    # the DPO names the newest version; no one else does, and a tag never moves
    refused("an editor does not tag", 403, "forbidden", "POST", "/tags", {"name": "audit-2026"}, who="erik")
    status, _, tag = call("POST", "/tags", {"name": "audit-2026", "message": "the audit starts here"}, who="dora")
    check(status == 201 and tag["name"] == "audit-2026" and tag["actor"] == "dora", "the DPO tags (%d): %s" % (status, tag))
    refused("a tag's name taken", 409, "conflict", "POST", "/tags", {"name": "audit-2026"})
    status, _, tags = call("GET", "/tags", who="vera")
    check(status == 200 and [t["name"] for t in tags] == ["sent", "audit-2026"], "the tags: %s" % tags)

    status, _, report = call("GET", "/check", who="vera")
    check(status == 200 and "findings" in report, "the check")
    status, _, difference = call("GET", "/diff?from=sent", who="dora")
    check(status == 200 and difference["to_change"] > difference["from_change"], "the differences since the tag")
    refused("a token withdrawn", 401, "unauthorized", "GET", "/check", who=tokens["dora"]) if run(
        "user", "token", "dora", "--revoke").returncode == 0 else check(False, "user token --revoke")
finally:
    code = stop_server(server)
check(code == 0, "SIGTERM stops the server with exit 0 (%s)" % code)
check_replies_against(document_published)

test.finish("the HTTP API: every check passed")
