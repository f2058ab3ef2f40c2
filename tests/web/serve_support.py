"""What the tests of `ropa serve` share: their arguments, a fresh work folder with the
ministry's register in it, and checks that are counted rather than stopping at the first."""

import os
import shutil
import subprocess
import sys


class ServeTest:
    def __init__(self, argv):
        self.ropa, self.source, self.work = argv[1:4]
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.db = os.path.join(self.work, "ministry.db")
        self.failures = []

    def run(self, *args):
        """The ropa program on the test's register."""
        return subprocess.run([self.ropa, "--db", self.db, *args], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)

    def ministry_register(self):
        """The ministry's register (tests/export/fixtures), tagged "sent"."""
        for args in (("init",),
                     ("import", os.path.join(self.source, "tests/export/fixtures/ministry.json"), "-m", "the register"),
                     ("tag", "sent", "-m", "sent to the authority")):
            done = self.run(*args)
            assert done.returncode == 0, done.stderr

    def digest(self):
        """The register file's SHA-256: a refusal must leave it as it was."""
        import hashlib
        with open(self.db, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def check(self, condition, what):
        if not condition:
            self.failures.append(what)
            print("FAILED:", what, file=sys.stderr)

    def finish(self, passed):
        if self.failures:
            sys.exit("%d check(s) failed" % len(self.failures))
        print(passed)


def start_server(ropa, db):
    """`ropa serve` on a free loopback port; returns the process and its base address."""
    import subprocess as sp
    server = sp.Popen([ropa, "--db", db, "serve", "--listen", "127.0.0.1:0"], stdout=sp.PIPE, stderr=sp.PIPE,
                      text=True, stdin=sp.DEVNULL)
    line = server.stdout.readline()
    if " at http://127.0.0.1:" not in line:
        server.kill()
        raise AssertionError("serve did not say where it listens: " + line + server.stderr.read())
    return server, line.split(" at ")[1].split(" ")[0].rstrip("/")


def stop_server(server):
    """SIGTERM, as a service manager stops it; returns the exit status (None if it had to be killed)."""
    import signal
    import subprocess as sp
    server.send_signal(signal.SIGTERM)
    try:
        return server.wait(timeout=15)
    except sp.TimeoutExpired:
        server.kill()
        return None


def add_account(test, name, role, password):
    """`ropa user add`, the password on standard input as a script gives it."""
    import subprocess as sp
    return sp.run([test.ropa, "--db", test.db, "user", "add", name, "--role", role], input=password + "\n",
                  capture_output=True, text=True)


def http_request(port, path, method="GET", form=None, cookie=None, headers=None, body=None, host="127.0.0.1",
                 tls=None):
    """One request to `ropa serve` on 127.0.0.1:`port` (over TLS with the ssl context `tls`),
    addressed to `host`: `form` sent urlencoded, `cookie` the session token. Returns the status,
    the headers and the body as text."""
    import http.client
    import urllib.parse
    if tls is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    else:
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=tls)
    all_headers = {"Host": "%s:%d" % (host, port)}
    if form is not None:
        body = urllib.parse.urlencode(form, doseq=True).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        all_headers["Cookie"] = "ropa_session=" + cookie
    all_headers.update(headers or {})
    connection.request(method, path, body=body, headers=all_headers)
    reply = connection.getresponse()
    data = reply.read()
    connection.close()
    return reply.status, reply.headers, data.decode("utf-8", "replace")
