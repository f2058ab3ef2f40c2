/* ropa.h: the C API of ropa, for programs in any language (C, or Python's ctypes, ...).
 *
 * Conventions (as in libgit2):
 * - ropa_register is an opaque handle; ropa_open gives one, ropa_close frees it.
 * - Every function returns an int status: ROPA_OK (0), or one of the ROPA_E_* codes, which
 *   are the numbers of ropa::Errc. ropa_last_error() then describes the failure; it is kept
 *   per thread and valid until the thread's next ropa call.
 * - Out-parameters come first. Text ropa returns (char**) is allocated by ropa, NUL-terminated
 *   UTF-8, and must be released with ropa_free. Text passed in is UTF-8 and NUL-terminated.
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

/* Flags of ropa_open. */
enum { ROPA_OPEN_READ_WRITE = 0, ROPA_OPEN_READ_ONLY = 1, ROPA_OPEN_CREATE = 2 };

/* The version of the library the program runs with ("MAJOR.MINOR.PATCH"), which may differ
 * from the headers it was compiled with. Owned by ropa, never freed. */
ROPA_C_API const char* ropa_version(void);

/* The message of the calling thread's last failure ("" if none). Owned by ropa. */
ROPA_C_API const char* ropa_last_error(void);

/* Frees text ropa returned. NULL is allowed. */
ROPA_C_API void ropa_free(void* text);

/* Opens the register at `path` (ROPA_OPEN_CREATE: makes a new one, mode 0600). */
ROPA_C_API int ropa_open(ropa_register** out, const char* path, int flags);
ROPA_C_API void ropa_close(ropa_register* reg);

/* The register as it was at `ref` (a change id, tag or ISO 8601 time): a new, read-only
 * handle to close with ropa_close. */
ROPA_C_API int ropa_at(ropa_register** out, const ropa_register* reg, const char* ref);

/* Reading. `entity` is a CLI noun ("activity", "purpose", ...); `ref` a code or "#id".
 * ropa_get_json: one record; ropa_list_json: a JSON array of every record of the entity. */
ROPA_C_API int ropa_get_json(char** out_json, const ropa_register* reg, const char* entity, const char* ref);
ROPA_C_API int ropa_list_json(char** out_json, const ropa_register* reg, const char* entity);
/* The links of kind `link` ("activity-purpose", ...) from record `from` (NULL: all). */
ROPA_C_API int ropa_links_json(char** out_json, const ropa_register* reg, const char* link, const char* from);

/* Writing: each call is one change by `actor` for `reason`. `fields_json` is a JSON object
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

/* The change log, newest first, as a JSON array. */
ROPA_C_API int ropa_log_json(char** out_json, const ropa_register* reg);

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
