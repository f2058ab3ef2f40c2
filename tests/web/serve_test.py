#!/usr/bin/env python3
"""`ropa serve` over real HTTP: started on a free loopback port, asked as a browser asks, and
stopped with SIGTERM. Checks what the pages' unit tests cannot: the headers every reply carries
(a Content-Security-Policy without script), that a register without accounts refuses every
write method and is left byte for byte as it was, many requests at once, and the refusals of
an address that is not this computer.

Usage: serve_test.py ROPA SOURCE_DIR WORK_DIR"""

import concurrent.futures
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

from serve_support import ServeTest

test = ServeTest(sys.argv)
ropa, db, work, check, run = test.ropa, test.db, test.work, test.check, test.run


test.ministry_register()
before = test.digest()

server = subprocess.Popen([ropa, "--db", db, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
try:
    line = server.stdout.readline()
    check(line.startswith("serving ") and " at http://127.0.0.1:" in line, "serve says where it listens: " + line)
    base = line.split(" at ")[1].split(" ")[0]

    def request(path, method="GET", body=None, headers=None):
        req = urllib.request.Request(base.rstrip("/") + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as reply:
                return reply.status, dict(reply.headers), reply.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    status, headers, body = request("/")
    check(status == 200, "the dashboard answers 200")
    policy = headers.get("Content-Security-Policy", "")
    check("default-src 'none'" in policy and "script-src" not in policy and "'unsafe-inline'" not in policy,
          "a policy that allows no script: " + policy)
    check(headers.get("X-Content-Type-Options") == "nosniff", "nosniff")
    check(headers.get("Cache-Control") == "no-store", "a register's pages are not cached")
    check(b"<script" not in body, "no script in the page")

    status, headers, body = request("/style.css")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/css"), "the stylesheet")

    status, _, body = request("/activities/A-VISA")
    check(status == 200 and b"Visa applications" in body, "an activity's page")
    status, _, _ = request("/activities/NO-SUCH")
    check(status == 404, "an unknown activity is 404")
    status, _, body = request("/activities?at=sent&q=pay")
    check(status == 200 and b"A-PAY" in body and b"A-VISA" not in body, "filters and a past version")

    status, headers, body = request("/export?format=json")
    exported = subprocess.run([ropa, "--db", db, "export", "-f", "json"], capture_output=True).stdout
    check(status == 200 and body == exported, "the downloaded export is `ropa export`'s, byte for byte")
    check("attachment" in headers.get("Content-Disposition", ""), "an export is a download")

    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, headers, _ = request("/activities", method=method, body=b"name=x",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(status == 405 and headers.get("Allow") == "GET, HEAD", method + " is refused: read-only")
    status, _, _ = request("/", method="POST", body=b"x" * 200000, headers={"Content-Type": "text/plain"})
    check(status in (405, 413), "an oversized body is refused (%d)" % status)

    # a page elsewhere that points a name of its own at 127.0.0.1 (DNS rebinding), or asks
    # across sites, gets nothing; and httplib's own refusals carry the headers too
    port = base.rsplit(":", 1)[1].strip("/")
    status, headers, body = request("/export?format=json", headers={"Host": "rebound.example:" + port})
    check(status == 421 and b"ropa-record" not in body, "a request addressed to another name is refused (%d)" % status)
    check("default-src 'none'" in headers.get("Content-Security-Policy", ""), "the refusal carries the policy")
    status, _, _ = request("/", headers={"Host": "localhost:" + port})
    check(status == 200, "localhost is this computer's name (%d)" % status)
    status, _, body = request("/export?format=json", headers={"Sec-Fetch-Site": "cross-site"})
    check(status == 403 and b"ropa-record" not in body, "a request another site's page makes is refused (%d)" % status)
    status, _, _ = request("/", headers={"Sec-Fetch-Site": "same-origin"})
    check(status == 200, "the register's own pages are answered (%d)" % status)
    status, headers, _ = request("/" + "x" * 20000)
    check(status in (404, 414) and headers.get("X-Content-Type-Options") == "nosniff",
          "an oversized address is refused with the headers (%d)" % status)

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda _: request("/activities")[0], range(64)))
    check(statuses == [200] * 64, "64 requests from 16 clients at once: %s" % sorted(set(statuses)))
finally:
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        code = None
    check(code == 0, "SIGTERM stops the server with exit 0 (%s)" % code)
check(test.digest() == before, "the register is byte for byte as it was")

refused = run("serve", "--listen", "0.0.0.0:0")
check(refused.returncode == 3 and "loopback" in refused.stderr, "an address that is not loopback is refused: %s"
      % refused.stderr.strip())
refused = run("serve", "--listen", "127.0.0.1")
check(refused.returncode == 2 and "--listen" in refused.stderr, "an address without a port is a usage error")
refused = subprocess.run([ropa, "--db", os.path.join(work, "none.db"), "serve", "--listen", "127.0.0.1:0"],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)
check(refused.returncode == 5, "no register: refused before listening (%d)" % refused.returncode)

test.finish("serve: every check passed")
