"""ropa: a register of processing activities (GDPR Art. 30), from Python.

A thin, pure-ctypes layer over ropa's C API (ropa.h): every call is the library's, with its
rules, history and errors. Records and links are dicts in the form of ropa's JSON export.

    import ropa
    with ropa.Register.create("register.ropa") as reg:
        with reg.change("dpo", "payroll recorded") as change:
            change.add("purpose", "PAY", {"name": {"en": "Paying staff"}})
            change.add("activity", "PAYROLL", {"name": {"en": "Payroll"}})
            change.link("activity-purpose", "PAYROLL", "PAY")
        for activity in reg.records("activity"):
            print(activity["code"], activity["fields"]["name"]["en"]["value"])
"""

import ctypes
import ctypes.util
import glob
import json
import os

__all__ = [
    "Register", "Change", "RopaError", "ValidationError", "RuleViolation", "NotFound", "Conflict",
    "NotARegister", "SchemaTooNew", "SchemaTooOld", "StorageError", "RopaIOError", "InternalError",
    "version", "model", "seeds", "library_path", "key_new", "verify_export",
]


# --- errors: one class per ropa error code, each with the field or JSON path at fault ---------

class RopaError(Exception):
    """A failure ropa reported: `code` (ropa.h's number), `name`, `message`, `field` (the field
    or JSON path at fault, or None), and for a rule violation `rules`, each rule broken as
    {"code", "rule", "article", "message"}."""

    code = None

    def __init__(self, message, field=None, code=None, name=None, rules=()):
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code
        self.name = name
        self.rules = list(rules)


class ValidationError(RopaError):
    code = 1


class RuleViolation(RopaError):
    code = 2


class NotFound(RopaError):
    code = 3


class Conflict(RopaError):
    code = 4


class NotARegister(RopaError):
    code = 5


class SchemaTooNew(RopaError):
    code = 6


class SchemaTooOld(RopaError):
    code = 7


class StorageError(RopaError):
    code = 8


class RopaIOError(RopaError):
    code = 9


class InternalError(RopaError):
    code = 10


_ERRORS = {cls.code: cls for cls in (ValidationError, RuleViolation, NotFound, Conflict, NotARegister,
                                     SchemaTooNew, SchemaTooOld, StorageError, RopaIOError, InternalError)}


# --- the library -------------------------------------------------------------------------------

def library_path():
    """Where libropa_c is loaded from: $ROPA_LIBRARY, else beside this package, else the system's."""
    given = os.environ.get("ROPA_LIBRARY")
    if given:
        return given
    beside = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "libropa_c.so*")))
    if beside:
        return beside[0]
    found = ctypes.util.find_library("ropa_c")
    if found:
        return found
    raise OSError("libropa_c not found: set ROPA_LIBRARY to its path, or install ropa (cmake --install)")


_lib = None
_P = ctypes.c_void_p
_S = ctypes.c_char_p
_OUT = ctypes.POINTER(ctypes.c_void_p)

# name: argument types (every function returns an int status, but for those listed in _RETURNS)
_SIGNATURES = {
    "ropa_version": [],
    "ropa_last_error": [],
    "ropa_last_error_json": [],
    "ropa_free": [_P],
    "ropa_open": [_OUT, _S, ctypes.c_int],
    "ropa_close": [_P],
    "ropa_at": [_OUT, _P, _S],
    "ropa_get_json": [_OUT, _P, _S, _S],
    "ropa_list_filter_json": [_OUT, _P, _S, _S],
    "ropa_links_json": [_OUT, _P, _S, _S],
    "ropa_write_json": [ctypes.POINTER(ctypes.c_int), _P, _S, _S, _S],
    "ropa_check_json": [_OUT, _P],
    "ropa_log_filter_json": [_OUT, _P, _S],
    "ropa_tag": [_P, _S, _S, _S, _S],
    "ropa_tags_json": [_OUT, _P],
    "ropa_diff_json": [_OUT, _P, _S, _S],
    "ropa_verify_json": [_OUT, _P, _S],
    "ropa_revert": [_P, ctypes.c_int64, _S, _S],
    "ropa_import_json": [ctypes.POINTER(ctypes.c_size_t), _P, _S, ctypes.c_int, _S, _S],
    "ropa_import_json_file": [ctypes.POINTER(ctypes.c_size_t), _P, _S, ctypes.c_int, _S, _S],
    "ropa_export_with": [_OUT, ctypes.POINTER(ctypes.c_size_t), _P, _S],
    "ropa_export_file_with": [_P, _S, _S, _S],
    "ropa_verify_export_json": [_OUT, _P, _S, _S],
    "ropa_key_new": [_OUT, _S],
    "ropa_settings_json": [_OUT, _P],
    "ropa_acknowledgements_json": [_OUT, _P],
    "ropa_activity_document": [_OUT, _P, _S],
    "ropa_apply_activity_document": [ctypes.POINTER(ctypes.c_int), _P, _S, ctypes.c_int64, _S, _S],
    "ropa_info_json": [_OUT, _P],
    "ropa_seeds_json": [_OUT],
    "ropa_model_json": [_OUT],
}
_RETURNS = {"ropa_version": _S, "ropa_last_error": _S, "ropa_last_error_json": _S, "ropa_free": None,
            "ropa_close": None}


def _library():
    global _lib
    if _lib is None:
        lib = ctypes.CDLL(library_path())
        for name, argtypes in _SIGNATURES.items():
            function = getattr(lib, name)
            function.argtypes = argtypes
            function.restype = _RETURNS.get(name, ctypes.c_int)
        _lib = lib
    return _lib


def _call(name, *args):
    """Calls ropa.h's `name`; raises the RopaError subclass of a failure."""
    lib = _library()
    status = getattr(lib, name)(*args)
    if status != 0:
        error = json.loads(lib.ropa_last_error_json().decode("utf-8"))
        cls = _ERRORS.get(error["code"], RopaError)
        raise cls(error["message"], error.get("field"), error["code"], error["name"], error.get("rules", ()))


def _text(name, *args):
    """Calls a function whose first argument is text ropa allocates; returns it, freed."""
    out = ctypes.c_void_p()
    _call(name, ctypes.byref(out), *args)
    try:
        return ctypes.string_at(out).decode("utf-8")
    finally:
        _library().ropa_free(out)


def _json(name, *args):
    return json.loads(_text(name, *args))


def _b(text):
    return None if text is None else str(text).encode("utf-8")


def version():
    """The version of the libropa_c loaded ("MAJOR.MINOR.PATCH")."""
    return _library().ropa_version().decode("utf-8")


def model():
    """Every entity and link ropa knows, with its fields (types, required, choices, references)."""
    return _json("ropa_model_json")


def seeds():
    """The seeds compiled into the library: [{"name", "title", "sha256"}]."""
    return _json("ropa_seeds_json")


def key_new(path):
    """Creates an Ed25519 signing key: `path` (private, mode 0600; never replacing a file) and
    `path`.pub. Returns its fingerprint ("ed25519:...")."""
    return _text("ropa_key_new", _b(os.fspath(path)))


def verify_export(path, register=None, **options):
    """Whether the export at `path` is exactly what `register` produced (re-exported and
    compared), and whether its signature (path.sig) holds. Options: signature, trusted_key, and
    for an unsigned file format, lang, approved_only, at. Returns {"ok", "signature_checked",
    "signer", "content_compared", "change_id", "problems"}."""
    handle = register._handle() if register is not None else None
    return _json("ropa_verify_export_json", handle, _b(os.fspath(path)), _b(json.dumps(options)))


# --- a change: several writes, applied as one --------------------------------------------------

class Change:
    """The writes of one change, collected in a `with reg.change(actor, reason)` block and
    applied whole when it ends without an exception (nothing is written otherwise). After the
    block, `changed` tells whether the register changed (False when it already held it all)."""

    def __init__(self, register, actor, reason):
        self._register = register
        self._actor = actor
        self._reason = reason
        self.operations = []
        self.changed = None

    def add(self, entity, code, fields):
        self.operations.append({"op": "create", "entity": entity, "code": code, "fields": fields})

    def edit(self, entity, ref, fields, expected_revision=None):
        """Sets the fields given (None clears one); with `expected_revision`, refused (Conflict)
        if the record changed since it was read."""
        operation = {"op": "update", "entity": entity, "ref": ref, "fields": fields}
        if expected_revision is not None:
            operation["expected_revision"] = expected_revision
        self.operations.append(operation)

    def remove(self, entity, ref):
        self.operations.append({"op": "remove", "entity": entity, "ref": ref})

    def link(self, link, from_, to, fields=None):
        self.operations.append({"op": "link", "link": link, "from": from_, "to": to, "fields": fields or {}})

    def edit_link(self, link, from_, to, fields):
        self.operations.append({"op": "edit_link", "link": link, "from": from_, "to": to, "fields": fields})

    def unlink(self, link, from_, to):
        self.operations.append({"op": "unlink", "link": link, "from": from_, "to": to})

    def settings(self, default_language=None, review_interval_months=None, required_fields=None):
        """Changes the register's settings (only what is given); required_fields: the fields
        beyond Art. 30 every activity must hold (a list of names, [] for none)."""
        operation = {"op": "settings"}
        if default_language is not None:
            operation["default_language"] = default_language
        if review_interval_months is not None:
            operation["review_interval_months"] = review_interval_months
        if required_fields is not None:
            operation["required_fields"] = list(required_fields)
        self.operations.append(operation)

    def acknowledge(self, finding_code, subject, reason):
        """Accepts a warning of check() with the reason (an error cannot be accepted)."""
        self.operations.append({"op": "acknowledge", "finding_code": finding_code, "subject": subject,
                                "reason": reason})

    def withdraw_acknowledgement(self, finding_code, subject):
        self.operations.append({"op": "withdraw_acknowledgement", "finding_code": finding_code, "subject": subject})

    def apply(self):
        changed = ctypes.c_int()
        _call("ropa_write_json", ctypes.byref(changed), self._register._handle(), _b(json.dumps(self.operations)),
              _b(self._actor), _b(self._reason))
        self.changed = bool(changed.value)
        return self.changed

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.apply()
        return False


# --- the register ------------------------------------------------------------------------------

class Register:
    """One register file (or a past version of one, from `at`). Close it with `close()` or use
    it as a context manager. Calls on one Register from several threads run one at a time."""

    READ_ONLY, CREATE, ALLOW_OLDER, UPGRADE = 1, 2, 4, 8

    def __init__(self, handle):
        # Register.open(path) and Register.create(path) make one; a path given here would be
        # handed to C as a handle and crash the process, so it is refused by name.
        if not isinstance(handle, ctypes.c_void_p):
            raise TypeError("Register(%r): open a register with ropa.Register.open(path) or "
                            "ropa.Register.create(path)" % (handle,))
        self._pointer = handle

    @classmethod
    def open(cls, path, read_only=False, upgrade=False):
        handle = ctypes.c_void_p()
        flags = (cls.READ_ONLY if read_only else 0) | (cls.UPGRADE if upgrade else 0)
        _call("ropa_open", ctypes.byref(handle), _b(os.fspath(path)), flags)
        return cls(handle)

    @classmethod
    def create(cls, path):
        handle = ctypes.c_void_p()
        _call("ropa_open", ctypes.byref(handle), _b(os.fspath(path)), cls.CREATE)
        return cls(handle)

    def _handle(self):
        if self._pointer is None:
            raise ValueError("the register is closed")
        return self._pointer

    def close(self):
        if self._pointer is not None:
            _library().ropa_close(self._pointer)
            self._pointer = None

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # reading
    def get(self, entity, ref):
        return _json("ropa_get_json", self._handle(), _b(entity), _b(ref))

    def records(self, entity, **filters):
        """The records of `entity` (filters: status, purpose, data_category, search, review_due_by)."""
        return iter(_json("ropa_list_filter_json", self._handle(), _b(entity), _b(json.dumps(filters))))

    def links(self, link, from_=None):
        return _json("ropa_links_json", self._handle(), _b(link), _b(from_))

    def check(self):
        return _json("ropa_check_json", self._handle())

    def info(self):
        return _json("ropa_info_json", self._handle())

    def settings(self):
        return _json("ropa_settings_json", self._handle())

    def acknowledgements(self):
        """The warnings accepted, with who, when and why."""
        return _json("ropa_acknowledgements_json", self._handle())

    def activity_document(self, code):
        """One activity with its links and retention rows, as one document (a dict)."""
        return _json("ropa_activity_document", self._handle(), _b(code))

    def apply_activity_document(self, document, actor, reason, expected_revision=None):
        """Makes the activity exactly `document` (a dict or JSON text) as one change; returns
        whether anything changed."""
        text = document if isinstance(document, str) else json.dumps(document)
        changed = ctypes.c_int()
        _call("ropa_apply_activity_document", ctypes.byref(changed), self._handle(), _b(text),
              -1 if expected_revision is None else int(expected_revision), _b(actor), _b(reason))
        return bool(changed.value)

    # writing
    def change(self, actor, reason):
        """A `with` block whose writes are one change (see Change)."""
        return Change(self, actor, reason)

    # One write as one change (the verbs of the CLI: add, edit, remove, link, unlink).
    def add(self, entity, code, fields, actor, reason):
        with self.change(actor, reason) as change:
            change.add(entity, code, fields)
        return self.get(entity, code) if code else None

    def edit(self, entity, ref, fields, actor, reason, expected_revision=None):
        with self.change(actor, reason) as change:
            change.edit(entity, ref, fields, expected_revision)
        return self.get(entity, ref)

    def remove(self, entity, ref, actor, reason):
        with self.change(actor, reason) as change:
            change.remove(entity, ref)

    def link(self, link, from_, to, actor, reason, fields=None):
        with self.change(actor, reason) as change:
            change.link(link, from_, to, fields)

    def unlink(self, link, from_, to, actor, reason):
        with self.change(actor, reason) as change:
            change.unlink(link, from_, to)

    def import_json(self, text, actor, reason, replace=False):
        loaded = ctypes.c_size_t()
        _call("ropa_import_json", ctypes.byref(loaded), self._handle(), _b(text), 1 if replace else 0, _b(actor),
              _b(reason))
        return loaded.value

    def import_json_file(self, path, actor, reason, replace=False):
        """Loads the JSON export at `path`, read as a stream (memory does not grow with the file)."""
        loaded = ctypes.c_size_t()
        _call("ropa_import_json_file", ctypes.byref(loaded), self._handle(), _b(os.fspath(path)),
              1 if replace else 0, _b(actor), _b(reason))
        return loaded.value

    # history
    def at(self, ref):
        """The register as it was at a change id, tag, chain hash or ISO 8601 time (read-only)."""
        handle = ctypes.c_void_p()
        _call("ropa_at", ctypes.byref(handle), self._handle(), _b(ref))
        return Register(handle)

    def log(self, entity=None, code=None, since=None):
        given = {key: value for key, value in (("entity", entity), ("code", code), ("since", since)) if value}
        return _json("ropa_log_filter_json", self._handle(), _b(json.dumps(given)))

    def tag(self, name, message, actor, key_path=None):
        _call("ropa_tag", self._handle(), _b(name), _b(message), _b(actor), _b(key_path and os.fspath(key_path)))

    def tags(self):
        return _json("ropa_tags_json", self._handle())

    def diff(self, from_, to=None):
        return _json("ropa_diff_json", self._handle(), _b(from_), _b(to))

    def verify(self, head=None, trusted_key=None):
        given = {key: value for key, value in (("head", head), ("trusted_key", trusted_key)) if value}
        return _json("ropa_verify_json", self._handle(), _b(json.dumps(given)))

    def revert(self, change_id, actor, reason):
        _call("ropa_revert", self._handle(), int(change_id), _b(actor), _b(reason))

    # exports
    @staticmethod
    def _export_options(format, lang, approved_only, since=None, base=None, format_version=None, template=None):
        options = {"format": format, "approved_only": bool(approved_only)}
        if template:
            options["template"] = template
        if format_version:
            options["format_version"] = int(format_version)
        if lang:
            options["lang"] = lang
        if since:
            options["since"] = since
        if base:
            options["base"] = base
        return _b(json.dumps(options))

    def export(self, format="json", lang=None, approved_only=False, since=None, base=None, format_version=None,
               template=None):
        """The record in `format` (json, csv, csv-matrix, xlsx, html, md, dpv), as bytes; `since` (a
        version) adds the changes since it to html, md and xlsx; `base`, the IRI the records are
        published under, is required by dpv (JSON-LD in the W3C Data Privacy Vocabulary);
        `format_version` (json) writes an older version of the format (2 or 3); `template` ("ico", csv
        and xlsx; "cnil", xlsx) lays the record out as an authority's template."""
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        _call("ropa_export_with", ctypes.byref(out), ctypes.byref(size), self._handle(),
              self._export_options(format, lang, approved_only, since, base, format_version, template))
        try:
            return ctypes.string_at(out, size.value)
        finally:
            _library().ropa_free(out)

    def export_file(self, path, format="json", lang=None, approved_only=False, key_path=None, since=None, base=None):
        """Writes the export to `path` whole or not at all (never over the register); with
        `key_path`, signed (path.sig beside it)."""
        _call("ropa_export_file_with", self._handle(), self._export_options(format, lang, approved_only, since, base),
              _b(os.fspath(path)), _b(key_path and os.fspath(key_path)))
