#!/usr/bin/env python3
"""`ropa serve` with accounts, over real HTTP: `ropa user`, signing in and out, the session
cookie, the CSRF token every form carries, what each role may do, and that every refused form
(no token, another session's token, another site, a wrong content type, a role that may not)
leaves the register byte for byte as it was.

Usage: accounts_http_test.py ROPA SOURCE_DIR WORK_DIR"""

import json
import re
import subprocess
import sys

from serve_support import ServeTest, add_account, http_request, start_server, stop_server

test = ServeTest(sys.argv)
check, run = test.check, test.run
PASSWORD = "a long enough password"



test.ministry_register()

# --- ropa user --------------------------------------------------------------------------
for name, role in (("dora", "dpo"), ("erik", "editor"), ("aude", "auditor"), ("vera", "viewer")):
    done = add_account(test, name, role, PASSWORD)
    check(done.returncode == 0 and "added account " + name in done.stdout, "user add %s: %s" % (name, done.stderr))
listed = run("user", "list")
check(listed.returncode == 0 and "erik  editor" in listed.stdout and "4 accounts" in listed.stdout,
      "user list: " + listed.stdout)
for args, status, what in ((("dora", "--role", "dpo"), 6, "a name taken"),
                           (("zed", "--role", "admin"), 3, "a role that is none"),
                           (("bad name", "--role", "viewer"), 3, "a name with a space")):
    done = add_account(test, args[0], args[2], PASSWORD)
    check(done.returncode == status, "user add refuses %s (%d): %s" % (what, done.returncode, done.stderr))
done = add_account(test, "zed", "viewer", "short")
check(done.returncode == 3 and "password" in done.stderr, "a short password is refused: " + done.stderr)
done = run("user", "add", "zed", "--role", "viewer")  # no standard input: no password
check(done.returncode == 3 and "password" in done.stderr, "no password read is refused: " + done.stderr)
with open(test.db + ".accounts", "rb") as f:
    check(PASSWORD.encode() not in f.read(), "the accounts file holds no password")
check(b"argon2id" not in open(test.db, "rb").read(), "the register holds no password hash")

before = test.digest()
server, base = start_server(test.ropa, test.db)
port = base.rsplit(":", 1)[1]


def request(path, method="GET", form=None, cookie=None, headers=None, body=None):
    return http_request(int(port), path, method, form, cookie, headers, body)


def sign_in(name, password=PASSWORD):
    status, headers, body = request("/sign-in", "POST", {"name": name, "password": password})
    token = re.match(r"ropa_session=([0-9a-f]{64});", headers.get("Set-Cookie", ""))
    return status, headers, token.group(1) if token else None, body


def csrf_of(page):
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    return found.group(1) if found else ""


try:
    status, headers, _ = request("/")
    check(status == 303 and headers.get("Location") == "/sign-in", "no session: to the sign-in page (%d)" % status)
    status, _, page = request("/sign-in")
    check(status == 200 and 'type="password"' in page and "<script" not in page, "the sign-in page")

    status, _, _, page = sign_in("erik", "not the password at all")
    check(status == 401 and "do not match" in page, "a wrong password is refused (%d)" % status)
    status, _, _, _ = sign_in("nobody")
    check(status == 401, "an unknown name is refused alike (%d)" % status)
    for _ in range(5):
        sign_in("vera", "guessing and guessing")
    status, headers, _, page = sign_in("vera")
    check(status == 429 and int(headers.get("Retry-After", "0")) > 0, "after 5 failures sign-in waits (%d)" % status)

    status, headers, editor, _ = sign_in("erik")
    cookie = headers.get("Set-Cookie", "")
    check(status == 303 and editor, "the editor signs in (%d)" % status)
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie, "the session cookie: " + cookie)
    status, _, page = request("/", cookie=editor)
    check(status == 200 and "Signed in as <strong>erik</strong> (editor)" in page, "the dashboard names who is signed in")
    editor_csrf = csrf_of(page)
    check(len(editor_csrf) == 64, "every page carries the session's CSRF token")

    _, _, dpo, _ = sign_in("dora")
    dpo_csrf = csrf_of(request("/", cookie=dpo)[2])
    check(dpo_csrf and dpo_csrf != editor_csrf, "each session has its own CSRF token")

    # refused forms write nothing
    subject = {"code": "visitors", "f:name": "Visitors", "reason": "who comes in"}
    for what, kwargs, status_wanted in (
            ("no token", {"form": subject, "cookie": editor}, 403),
            ("a forged token", {"form": dict(subject, csrf="0" * 64), "cookie": editor}, 403),
            ("another session's token", {"form": dict(subject, csrf=dpo_csrf), "cookie": editor}, 403),
            ("a forged session", {"form": dict(subject, csrf=editor_csrf), "cookie": "f" * 64}, 403),
            ("another site", {"form": dict(subject, csrf=editor_csrf), "cookie": editor,
                              "headers": {"Origin": "http://evil.example"}}, 403),
            ("a request from another site's page", {"form": dict(subject, csrf=editor_csrf), "cookie": editor,
                                                    "headers": {"Sec-Fetch-Site": "cross-site"}}, 403),
            ("no session", {"form": dict(subject, csrf=editor_csrf)}, 403),
            ("JSON", {"body": b'{"code": "visitors"}', "cookie": editor,
                      "headers": {"Content-Type": "application/json"}}, 415),
            ("a catalogue record", {"form": {"f:name": "x", "reason": "x", "csrf": editor_csrf}, "cookie": editor,
                                    "path": "/records/purpose/VISA-P/edit"}, 403)):
        path = kwargs.pop("path", "/records/subject/new")
        status, _, _ = request(path, "POST", **kwargs)
        check(status == status_wanted, "%s is refused (%d, not %d)" % (what, status, status_wanted))
    check(test.digest() == before, "refused forms left the register byte for byte as it was")
    status, _, _ = request("/records/subject/new", "POST", body=b"x=" + b"y" * 300000, cookie=editor,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 413, "an oversized form is refused (%d)" % status)
    check(test.digest() == before, "the register is unchanged after an oversized form")

    status, headers, _ = request("/records/subject/new", "POST", dict(subject, csrf=editor_csrf), cookie=editor)
    check(status == 303 and headers.get("Location") == "/records/subject/visitors", "the editor adds a subject (%d)" % status)
    newest = json.loads(run("log", "--json").stdout)[0]
    check(newest["actor"] == "erik" and newest["reason"] == "who comes in",
          "the change names the signed-in editor: %s" % newest)

    # a viewer reads the newest version alone
    status, _, viewer, _ = sign_in("aude")
    status, _, page = request("/?at=sent", cookie=viewer)
    check(status == 200, "an auditor reads a past version (%d)" % status)
    run("user", "role", "aude", "viewer")
    status, _, page = request("/?at=sent", cookie=viewer)
    check(status == 403, "a role changed applies at the next request: a viewer reads no past version (%d)" % status)
    status, _, _ = request("/export?format=json", cookie=viewer)
    check(status == 403, "a viewer downloads no export (%d)" % status)

    # signing out ends the session; removing an account ends its sessions
    status, headers, _ = request("/sign-out", "POST", {"csrf": editor_csrf}, cookie=editor)
    check(status == 303 and "Max-Age=0" in headers.get("Set-Cookie", ""), "sign-out clears the cookie (%d)" % status)
    status, _, _ = request("/", cookie=editor)
    check(status == 303, "the old cookie no longer signs in (%d)" % status)
    run("user", "rm", "aude")
    status, _, _ = request("/", cookie=viewer)
    check(status == 303, "a removed account's session ends (%d)" % status)
    # a password changed ends the sessions opened before
    _, _, dora_again, _ = sign_in("dora")
    passwd = subprocess.run([test.ropa, "--db", test.db, "user", "passwd", "dora"], input="another long password\n",
                            capture_output=True, text=True)
    check(passwd.returncode == 0, "user passwd: " + passwd.stderr)
    status, _, _ = request("/", cookie=dora_again)
    check(status == 303, "a password changed ends the session opened before (%d)" % status)
    # the accounts gone, the server stays closed rather than opening the register to all
    for name in ("dora", "erik", "vera"):
        run("user", "rm", name)
    status, headers, _ = request("/activities")
    check(status == 303 and headers.get("Location") == "/sign-in",
          "with its accounts removed the server stays closed (%d)" % status)
finally:
    code = stop_server(server)
check(code == 0, "SIGTERM stops the server with exit 0 (%s)" % code)

test.finish("accounts over HTTP: every check passed")
