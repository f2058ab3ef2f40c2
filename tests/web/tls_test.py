#!/usr/bin/env python3
"""`ropa serve` over TLS, given a certificate and its key: HTTPS alone, a Secure session
cookie, forms accepted from the https:// origin only, and each bad certificate, key or address
refused with the option it names, before anything listens.

Usage: tls_test.py ROPA SOURCE_DIR WORK_DIR (exit 77: no openssl program to make a certificate)"""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys

from serve_support import ServeTest, add_account, http_request, stop_server

if not shutil.which("openssl"):
    print("SKIP: no openssl program to make a test certificate (scripts/install-deps.sh installs it)")
    sys.exit(77)

test = ServeTest(sys.argv)
check, run = test.check, test.run
PASSWORD = "a long enough password"
test.ministry_register()


def certificate(name, common_name="127.0.0.1"):
    """A self-signed certificate for 127.0.0.1 and localhost, and its private key (mode 0600)."""
    cert, key = os.path.join(test.work, name + ".pem"), os.path.join(test.work, name + ".key")
    done = subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                           "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=" + common_name,
                           "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    os.chmod(key, 0o600)
    return cert, key


cert, key = certificate("server")
other_cert, other_key = certificate("other")


def serve(*args, timeout=None):
    """ropa serve with `args`: the process, and the first line it printed."""
    server = subprocess.Popen([test.ropa, "--db", test.db, "serve", *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    return server, server.stdout.readline()


def refused(args, status, option, what):
    before = test.digest()
    done = run("serve", *args)
    check(done.returncode == status and option in done.stderr,
          "%s is refused (exit %d, not %d), naming %s: %s" % (what, done.returncode, status, option, done.stderr.strip()))
    check(test.digest() == before, what + ": the register is unchanged")


# --- refused before anything listens ----------------------------------------------------------
refused(["--listen", "127.0.0.1:0", "--tls-certificate", cert], 3, "tls-key", "a certificate without its key")
refused(["--listen", "127.0.0.1:0", "--tls-key", key], 3, "tls-certificate", "a key without its certificate")
refused(["--listen", "127.0.0.1:0", "--tls-certificate", cert, "--tls-key", os.path.join(test.work, "missing.key")], 11,
        "tls-key", "a key that is not there")
refused(["--listen", "127.0.0.1:0", "--tls-certificate", key, "--tls-key", key], 11, "tls-certificate",
        "a key given as the certificate")
refused(["--listen", "127.0.0.1:0", "--tls-certificate", cert, "--tls-key", other_key], 11, "tls-key",
        "another certificate's key")
os.chmod(key, 0o644)
refused(["--listen", "127.0.0.1:0", "--tls-certificate", cert, "--tls-key", key], 3, "tls-key",
        "a key every account can read")
os.chmod(key, 0o600)
refused(["--listen", "0.0.0.0:0"], 3, "listen", "another computers' address without TLS")
refused(["--listen", "0.0.0.0:0", "--tls-certificate", cert, "--tls-key", key], 3, "public-origin",
        "another computers' address without the address they open")
refused(["--listen", "0.0.0.0:0", "--tls-certificate", cert, "--tls-key", key, "--public-origin", "https://localhost:1"],
        3, "listen", "a register without accounts served to other computers")

# --- HTTPS on loopback ------------------------------------------------------------------------
done = add_account(test, "dora", "dpo", PASSWORD)
check(done.returncode == 0, "user add: " + done.stderr)
trusted = ssl.create_default_context(cafile=cert)


def request(port, path, method="GET", form=None, cookie=None, headers=None, host="127.0.0.1"):
    return http_request(port, path, method, form, cookie, headers, host=host, tls=trusted)


def sign_in(port, origin, host="127.0.0.1"):
    status, headers, _ = request(port, "/sign-in", "POST", {"name": "dora", "password": PASSWORD},
                                 headers={"Origin": origin}, host=host)
    cookie = headers.get("Set-Cookie", "")
    token = re.match(r"ropa_session=([0-9a-f]{64});", cookie)
    return status, cookie, token.group(1) if token else None


server, line = serve("--listen", "127.0.0.1:0", "--tls-certificate", cert, "--tls-key", key)
try:
    found = re.search(r" at https://127\.0\.0\.1:(\d+)/", line)
    check(found is not None, "serve says it listens on https: " + line)
    port = int(found.group(1)) if found else 0
    status, headers, _ = request(port, "/")
    check(status == 303 and headers.get("Location") == "/sign-in", "over HTTPS: to the sign-in page (%d)" % status)
    check("default-src 'none'" in headers.get("Content-Security-Policy", ""), "HTTPS replies carry the CSP")
    # the same port does not speak plain HTTP
    plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        plain.request("GET", "/", headers={"Host": "127.0.0.1:%d" % port})
        answered = plain.getresponse().status
    except (http.client.HTTPException, ConnectionError, socket.timeout):
        answered = None
    check(answered is None, "plain HTTP gets no page from the TLS port (%s)" % answered)
    # a client that does not trust the certificate gets nothing
    try:
        strict = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=ssl.create_default_context())
        strict.request("GET", "/")
        strict.getresponse()
        check(False, "a client without the certificate's trust is refused by its own TLS")
    except ssl.SSLError:
        pass
    status, cookie, session = sign_in(port, "http://127.0.0.1:%d" % port)
    check(status == 403 and session is None, "a form from the http:// origin is refused over TLS (%d)" % status)
    status, cookie, session = sign_in(port, "https://127.0.0.1:%d" % port)
    check(status == 303 and session, "the DPO signs in over HTTPS (%d)" % status)
    check("Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie, "the cookie is Secure: " + cookie)
    status, _, page = request(port, "/", cookie=session)
    check(status == 200 and "Signed in as <strong>dora</strong>" in page, "a page read with the session (%d)" % status)
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    before = test.digest()
    status, headers, _ = request(port, "/records/subject/new", "POST",
                                 {"code": "visitors", "f:name": "Visitors", "reason": "who comes in",
                                  "csrf": csrf.group(1) if csrf else ""},
                                 cookie=session, headers={"Origin": "https://127.0.0.1:%d" % port})
    check(status == 303, "a form from the https:// origin is written (%d)" % status)
    check(test.digest() != before and "visitors" in run("subject", "list").stdout, "the subject is recorded")
    status, headers, _ = request(port, "/sign-out", "POST", {"csrf": csrf.group(1) if csrf else ""}, cookie=session,
                                 headers={"Origin": "https://127.0.0.1:%d" % port})
    check(status == 303 and "Secure" in headers.get("Set-Cookie", ""), "signing out clears a Secure cookie")
finally:
    check(stop_server(server) == 0, "the TLS server stops on SIGTERM with exit 0")

# --- HTTPS to other computers: every address, the name people open --------------------------
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    free = probe.getsockname()[1]
server, line = serve("--listen", "0.0.0.0:%d" % free, "--tls-certificate", cert, "--tls-key", key,
                     "--public-origin", "https://localhost:%d" % free)
try:
    check(line.startswith("serving") and " at https://localhost:%d/" % free in line,
          "serve names the public address: " + line + (server.stderr.read() if server.poll() is not None else ""))
    if server.poll() is None:
        status, headers, _ = request(free, "/", host="localhost")
        check(status == 303 and headers.get("Location") == "/sign-in", "by its public name: sign in first (%d)" % status)
        status, _, _ = request(free, "/", host="ropa.evil.example")
        check(status == 421, "a name that is not its own is not answered (%d)" % status)
        status, cookie, session = sign_in(free, "https://localhost:%d" % free, host="localhost")
        check(status == 303 and "Secure" in cookie, "the DPO signs in at the public address (%d)" % status)
finally:
    check(stop_server(server) == 0, "the server on every address stops on SIGTERM with exit 0")

test.finish("ropa serve over TLS: refusals, HTTPS, Secure cookie, https origin, every address with its public name")
