#!/usr/bin/env python3
"""Using ropa from Python through its C API (ctypes, no compiled glue).

    python3 docs/examples/ropa_ctypes.py /path/to/libropa_c.so register.ropa

Creates a register, records an activity with its purpose and data, and prints the check.
A test runs this file, so it stays true to the library."""
import ctypes, json, sys

lib = ctypes.CDLL(sys.argv[1])
c_char_pp = ctypes.POINTER(ctypes.c_char_p)
lib.ropa_last_error.restype = ctypes.c_char_p
lib.ropa_open.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p, ctypes.c_int]
lib.ropa_close.argtypes = [ctypes.c_void_p]
lib.ropa_free.argtypes = [ctypes.c_void_p]
lib.ropa_create_json.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                 ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
lib.ropa_update_json.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                 ctypes.c_char_p, ctypes.c_int64, ctypes.c_char_p, ctypes.c_char_p]
lib.ropa_link.argtypes = [ctypes.c_void_p] + [ctypes.c_char_p] * 5
lib.ropa_check_json.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]

ROPA_OPEN_CREATE = 2


class RopaError(Exception):
    pass


def ok(status):
    if status != 0:
        raise RopaError(f"ropa error {status}: {lib.ropa_last_error().decode()}")


def take_text(pointer):
    """Copies text ropa allocated, then frees it."""
    text = ctypes.cast(pointer, ctypes.c_char_p).value.decode()
    lib.ropa_free(pointer)
    return text


reg = ctypes.c_void_p()
ok(lib.ropa_open(ctypes.byref(reg), sys.argv[2].encode(), ROPA_OPEN_CREATE))
try:
    actor, reason = b"python", b"example"
    def create(entity, code, fields):
        ok(lib.ropa_create_json(None, reg, entity, code, json.dumps(fields).encode(), actor, reason))
    create(b"purpose", b"NEWS", {"name": {"en": "Newsletter"}})
    create(b"category", b"CONTACT", {"name": {"en": "Contact details"}})
    create(b"subject", b"SUBSCRIBERS", {"name": {"en": "Subscribers"}})
    ok(lib.ropa_link(reg, b"purpose-category", b"NEWS", b"CONTACT", actor, reason))
    ok(lib.ropa_link(reg, b"purpose-basis", b"NEWS", b"art6-1-a", actor, reason))
    # A draft first, completed link by link, then approved (status active): an approved
    # activity must have its purpose, data, data subjects and legal basis.
    create(b"activity", b"MAIL", {"name": {"en": "Monthly mailing"}})
    for kind, target in ((b"activity-purpose", b"NEWS"), (b"activity-category", b"CONTACT"),
                         (b"activity-subject", b"SUBSCRIBERS"), (b"activity-basis", b"art6-1-a")):
        ok(lib.ropa_link(reg, kind, b"MAIL", target, actor, reason))
    ok(lib.ropa_update_json(None, reg, b"activity", b"MAIL", json.dumps({"status": "active"}).encode(), -1,
                            actor, b"approved"))
    try:  # purpose limitation: refused, and the register is unchanged
        create(b"category", b"HEALTH", {"name": {"en": "Health"}, "is_special": True})
        ok(lib.ropa_link(reg, b"activity-category", b"MAIL", b"HEALTH", actor, reason))
        raise SystemExit("the rule was not enforced")
    except RopaError as refused:
        print("refused as expected:", str(refused).splitlines()[0])
    out = ctypes.c_void_p()
    ok(lib.ropa_check_json(ctypes.byref(out), reg))
    report = json.loads(take_text(out))
    print(f"check: {report['errors']} errors, {report['warnings']} warnings")
finally:
    lib.ropa_close(reg)
