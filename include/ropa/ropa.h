/* ropa.h: the C API of ropa, for programs in any language (C, or Python's ctypes, ...).
 *
 * Conventions (as in libgit2):
 * - ropa_register is an opaque handle; ropa_open gives one, ropa_close frees it.
 * - Every function returns an int status: ROPA_OK (0), or one of the ROPA_E_* codes, which
 *   are the numbers of ropa::Errc. ropa_last_error() then describes the failure; it is kept
 *   per thread and valid until the thread's next ropa call.
 * - Out-parameters come first. Text ropa returns (char**) is allocated by ropa, NUL-terminated
 *   UTF-8, and must be released with ropa_free. Text passed in is UTF-8 and NUL-terminated.
 * - One rule for out-parameters: every out-parameter given (not NULL) is cleared first, so on
 *   failure it holds NULL (or 0), never a stale value, and ropa_free(*out) is always safe.
 *   Out-parameters marked "optional" may be NULL when the caller does not want the value.
 * - Misuse: a NULL handle or a NULL argument that is required is refused with
 *   ROPA_E_VALIDATION naming it. A handle used after ropa_close, closed twice, or text freed
 *   twice is undefined behaviour, as with free(): ropa cannot detect it.
 * - Records and links travel as JSON text (the formats of docs/api.md). No C++ exception
 *   ever crosses this boundary.
 * - Threads: a ropa_register may be shared by threads; its calls run one at a time, each
 *   whole. For reads in parallel, open one handle per thread. ropa_close must be a handle's
 *   last call, when no other thread uses it (docs/api.md, Threads).
 */
#ifndef ROPA_ROPA_H
#define ROPA_ROPA_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define ROPA_C_API __declspec(dllexport)
#else
#define ROPA_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ropa_register ropa_register;

enum {
    ROPA_OK = 0,
    ROPA_E_VALIDATION = 1,
    ROPA_E_RULE_VIOLATION = 2,
    ROPA_E_NOT_FOUND = 3,
    ROPA_E_CONFLICT = 4,
    ROPA_E_NOT_A_REGISTER = 5,
    ROPA_E_SCHEMA_TOO_NEW = 6,
    ROPA_E_SCHEMA_TOO_OLD = 7,
    ROPA_E_STORAGE = 8,
    ROPA_E_IO = 9,
    ROPA_E_INTERNAL = 10
};

/* Flags of ropa_open. ALLOW_OLDER: open a register of an older schema level without upgrading
 * it (only ropa_info_json and ropa_migrate work on that handle); UPGRADE: upgrade it on
 * opening (one transaction per level), as `ropa migrate` does. */
enum {
    ROPA_OPEN_READ_WRITE = 0,
    ROPA_OPEN_READ_ONLY = 1,
    ROPA_OPEN_CREATE = 2,
    ROPA_OPEN_ALLOW_OLDER = 4,
    ROPA_OPEN_UPGRADE = 8
};

/* The version of the library the program runs with ("MAJOR.MINOR.PATCH"), which may differ
 * from the headers it was compiled with. Owned by ropa, never freed. */
ROPA_C_API const char* ropa_version(void);

/* The message of the calling thread's last failure ("" if none). Owned by ropa; valid until
 * the thread's next ropa call. Always valid UTF-8: bytes of the input it quotes that are not
 * are shown as U+FFFD. */
ROPA_C_API const char* ropa_last_error(void);

/* The same failure as JSON: {"code": 3, "name": "not_found", "message": "...", "field": the
 * field or JSON path at fault ("operations[1].fields.start_date") or null, "rules": for a rule
 * violation every rule broken, [{"code": "category-not-allowed", "rule": "purpose limitation",
 * "article": "Art. 5(1)(b)", "message"}], else []}; "null" when the last call succeeded. Owned
 * by ropa, as ropa_last_error. */
ROPA_C_API const char* ropa_last_error_json(void);

/* Frees text ropa returned. NULL is allowed. */
ROPA_C_API void ropa_free(void* text);

/* Opens the register at `path`: read-write (ROPA_OPEN_READ_WRITE), read-only
 * (ROPA_OPEN_READ_ONLY), or a new register (ROPA_OPEN_CREATE, mode 0600; refused if anything
 * exists there). Other bits, and CREATE with READ_ONLY, are refused (ROPA_E_VALIDATION).
 * *out is a handle to close with ropa_close. */
ROPA_C_API int ropa_open(ropa_register** out, const char* path, int flags);
/* Frees the handle (NULL is allowed). Its last call: no other thread may be using it. */
ROPA_C_API void ropa_close(ropa_register* reg);

/* The register as it was at `ref` (a change id, tag or ISO 8601 time): a new, read-only
 * handle to close with ropa_close. It reads and exports; a write, the log, tags, diff, verify,
 * revert, migrate, import and ropa_at itself are refused on it with ROPA_E_VALIDATION, the
 * message naming the call. */
ROPA_C_API int ropa_at(ropa_register** out, const ropa_register* reg, const char* ref);

/* Reading. `entity` is a CLI noun ("activity", "purpose", ...); `ref` a code or "#id".
 * ropa_get_json: one record; ropa_list_json: a JSON array of every record of the entity. */
ROPA_C_API int ropa_get_json(char** out_json, const ropa_register* reg, const char* entity, const char* ref);
ROPA_C_API int ropa_list_json(char** out_json, const ropa_register* reg, const char* entity);
/* The links of kind `link` ("activity-purpose", ...) from record `from` (NULL: all). */
ROPA_C_API int ropa_links_json(char** out_json, const ropa_register* reg, const char* link, const char* from);

/* Writing: each call is one change by `actor` (required) for `reason`. `fields_json` is a JSON object
 * in the export's form (texts as {"en": "..."}). `code` is NULL for entities without codes.
 * ropa_update_json: expected_revision < 0 means "whatever the current revision". */
ROPA_C_API int ropa_create_json(char** out_json, ropa_register* reg, const char* entity, const char* code,
                                const char* fields_json, const char* actor, const char* reason);
ROPA_C_API int ropa_update_json(char** out_json, ropa_register* reg, const char* entity, const char* ref,
                                const char* fields_json, int64_t expected_revision, const char* actor,
                                const char* reason);
ROPA_C_API int ropa_remove(ropa_register* reg, const char* entity, const char* ref, const char* actor,
                           const char* reason);
ROPA_C_API int ropa_link(ropa_register* reg, const char* link, const char* from, const char* to, const char* actor,
                         const char* reason);
ROPA_C_API int ropa_unlink(ropa_register* reg, const char* link, const char* from, const char* to, const char* actor,
                           const char* reason);

/* The Art. 30 check as JSON ({"errors", "warnings", "findings": [...]}). */
ROPA_C_API int ropa_check_json(char** out_json, const ropa_register* reg);

/* The change log, newest first, as a JSON array of {"id", "recorded_at", "actor", "reason",
 * "summary", "tags", "hash", "prev_hash"}. */
ROPA_C_API int ropa_log_json(char** out_json, const ropa_register* reg);
/* The same, filtered by `filter_json` (NULL: none): {"entity": "activity", "code": "A1",
 * "since": "2026-01-01"}, as ropa log --entity KIND:CODE --since. */
ROPA_C_API int ropa_log_filter_json(char** out_json, const ropa_register* reg, const char* filter_json);

/* Records of `entity` filtered by `filter_json` (NULL: none): {"status", "purpose",
 * "data_category", "search", "review_due_by"}, as ropa ENTITY list's options. */
ROPA_C_API int ropa_list_filter_json(char** out_json, const ropa_register* reg, const char* entity,
                                     const char* filter_json);

/* Several writes as one change (all or nothing): `operations_json` is a JSON array of
 *   {"op": "create", "entity": "purpose", "code": "P1", "fields": {...}}
 *   {"op": "update", "entity": "activity", "ref": "A1", "fields": {...}, "expected_revision": 3}
 *   {"op": "remove", "entity": "category", "ref": "C1"}
 *   {"op": "link" | "edit_link", "link": "activity-basis", "from": "A1", "to": "art6-1-e",
 *    "fields": {"legal_sources": ["paspw-7"]}}   (a link's fields: ropa_model_json)
 *   {"op": "unlink", "link": "activity-category", "from": "A1", "to": "C1"}
 *   {"op": "acknowledge", "finding_code": "retention-overlaps", "subject": "activity:A1",
 *    "reason": "..."}   (a warning of ropa_check_json accepted; "withdraw_acknowledgement"
 *    with the same keys but "reason" withdraws it)
 * A refusal names its place in `operations_json` ("operations[2].fields.name", ".code",
 * ".expected_revision", ".to"; ropa_last_error_json); a key an operation does not know is
 * refused, so that a misspelt "expected_revision" cannot turn the revision check off.
 * *out_changed (optional): 1, or 0 when the register already held all of it (no change is
 * recorded then). */
ROPA_C_API int ropa_write_json(int* out_changed, ropa_register* reg, const char* operations_json,
                               const char* actor, const char* reason);

/* History. ropa_tag names the current version; `key_path` (NULL: unsigned) is a private key
 * file from `ropa key new`, to sign it. ropa_tags_json: [{"name", "change_id", "created_at",
 * "actor", "message", "signer"}]. ropa_diff_json: what changed from version `from` to `to`
 * (NULL: the newest), {"from_change", "to_change", "records": [...]}. ropa_verify_json:
 * {"ok", "changes_checked", "rows_checked", "signatures_checked", "signers", "problems"};
 * `options_json` (NULL: none) {"head": "HASH" or "CHANGE:HASH", "trusted_key": the DPO's
 * public key, 64 hex digits or the path of its key file (FILE.pub)}.
 * ropa_revert: a new change undoing change `change_id`. A past version is read with ropa_at,
 * and exported from that handle. */
ROPA_C_API int ropa_tag(ropa_register* reg, const char* name, const char* message, const char* actor,
                        const char* key_path);
ROPA_C_API int ropa_tags_json(char** out_json, const ropa_register* reg);
ROPA_C_API int ropa_diff_json(char** out_json, const ropa_register* reg, const char* from, const char* to);
ROPA_C_API int ropa_verify_json(char** out_json, const ropa_register* reg, const char* options_json);
ROPA_C_API int ropa_revert(ropa_register* reg, int64_t change_id, const char* actor, const char* reason);

/* Loads a JSON export (ropa-record) as one change; `replace` non-zero turns a register that
 * has records into exactly the file's content. *out_loaded (optional): records and links read.
 * ropa_import_json_file reads the file at `path` as a stream, one record at a time (memory does
 * not grow with the file); a file that cannot be opened is ROPA_E_NOT_FOUND. */
ROPA_C_API int ropa_import_json(size_t* out_loaded, ropa_register* reg, const char* json, int replace,
                                const char* actor, const char* reason);
ROPA_C_API int ropa_import_json_file(size_t* out_loaded, ropa_register* reg, const char* path, int replace,
                                     const char* actor, const char* reason);

/* The file. ropa_info_json: {"path", "schema_level", "program_schema_level", "seeds_applied",
 * "tables"}. ropa_migrate: upgrades an older register (open it with ROPA_OPEN_READ_WRITE);
 * *out_json (optional) the levels applied, a JSON array. ropa_seeds_json: the seeds compiled
 * in, [{"name", "title", "sha256"}]; ropa_apply_seed: loads one as a change, *out_applied
 * (optional) 0 when it was already applied. */
ROPA_C_API int ropa_info_json(char** out_json, const ropa_register* reg);
ROPA_C_API int ropa_migrate(char** out_json, ropa_register* reg);
ROPA_C_API int ropa_seeds_json(char** out_json);
ROPA_C_API int ropa_apply_seed(int* out_applied, ropa_register* reg, const char* name, const char* actor,
                               const char* reason);

/* The register's settings: {"default_language", "review_interval_months", "required_fields"}.
 * They are changed in a batch: {"op": "settings", "default_language": "nl",
 * "review_interval_months": 24, "required_fields": ["data_source", "systems"]}; required_fields
 * names the fields beyond Art. 30 that check counts for every activity ([]: none). */
ROPA_C_API int ropa_settings_json(char** out_json, const ropa_register* reg);

/* The warnings the DPO has accepted: [{"finding_code", "subject", "reason", "acknowledged_by",
 * "acknowledged_at"}]. ropa_check_json marks each accepted finding with its acknowledgement. */
ROPA_C_API int ropa_acknowledgements_json(char** out_json, const ropa_register* reg);

/* One activity as one document (ropa activity show --document): its fields, links and
 * retention rows, to edit and give back to ropa_apply_activity_document, which makes the
 * activity exactly that as one change (expected_revision < 0: whatever the current one).
 * *out_changed (optional): 0 when the register already held it. */
ROPA_C_API int ropa_activity_document(char** out_json, const ropa_register* reg, const char* code);
ROPA_C_API int ropa_apply_activity_document(int* out_changed, ropa_register* reg, const char* document_json,
                                            int64_t expected_revision, const char* actor, const char* reason);

/* Exports with every option: `options_json` (NULL: JSON) {"format": "html", "lang": "en",
 * "approved_only": true, "since": "sent-2026" (html, md, xlsx: the changes since a version),
 * "base": "https://example.org/ropa/" (format "dpv": the IRI its records are published under),
 * "format_version": 2 or 3 (format "json": write that earlier version of the format, 0 or absent: the newest),
 * "template": "ico" (csv, xlsx: laid out as the UK ICO's documentation template for controllers)
 * or "cnil" (xlsx: the CNIL's model register, a list and a fiche for each activity)}.
 * ropa_export_with: to a buffer, as ropa_export. ropa_export_file_with:
 * to a file, as ropa_export_file; with `key_path` (a private key file; NULL: unsigned) it also
 * writes the signature beside it, `path`.sig (ropa export --sign). */
ROPA_C_API int ropa_export_with(char** out, size_t* out_size, const ropa_register* reg, const char* options_json);
ROPA_C_API int ropa_export_file_with(const ropa_register* reg, const char* options_json, const char* path,
                                     const char* key_path);

/* Whether the export at `path` is exactly what the register produced (ropa verify-export):
 * `reg` (NULL: check the signature alone) re-exports the version it names and compares;
 * `options_json` (NULL: none) {"signature": "FILE.sig" (default: path.sig when it exists),
 * "trusted_key": 64 hex digits or a key file, and for an unsigned file "format", "lang", "approved_only",
 * "since", "base" (dpv; default: read from the file), "at"}.
 * *out_json: {"ok", "signature_checked", "signer", "content_compared", "change_id",
 * "problems"}. */
ROPA_C_API int ropa_verify_export_json(char** out_json, const ropa_register* reg, const char* path,
                                       const char* options_json);

/* A new Ed25519 signing key (ropa key new): `path` (private, mode 0600, never replacing a file)
 * and `path`.pub. *out_fingerprint (optional): "ed25519:..." */
ROPA_C_API int ropa_key_new(char** out_fingerprint, const char* path);

/* What a register can hold, for generating forms and bindings: {"entities": [{"name", "label",
 * "has_code", "fields": [{"name", "label", "type", "required", ...}]}], "links": [...]}. */
ROPA_C_API int ropa_model_json(char** out_json);

/* Exports in `format` ("json", "csv", "csv-matrix", "xlsx", "html", "md"); `lang` may be NULL.
 * ropa_export: to a buffer of *out_size bytes (xlsx is binary; the buffer is NUL-terminated
 * all the same). ropa_export_file: to a file, written whole or not at all (a temporary file
 * renamed into place, mode 0600 when new); an existing regular file of the caller's user is
 * replaced keeping its permissions, and the register, its -wal/-shm/-journal, any SQLite
 * database, folders, links, devices and FIFOs are refused (ROPA_CONFLICT or ROPA_IO). */
ROPA_C_API int ropa_export(char** out, size_t* out_size, const ropa_register* reg, const char* format,
                           const char* lang);
ROPA_C_API int ropa_export_file(const ropa_register* reg, const char* format, const char* lang, const char* path);

#ifdef __cplusplus
}
#endif

#endif /* ROPA_ROPA_H */
