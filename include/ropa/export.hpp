#pragma once
/// @file
/// Exports of the record (Art. 30(4)): the forms auditors and authorities use.

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ropa/register.hpp"
#include "ropa/signing.hpp"

#include "ropa/ropa_export.h"

namespace ropa {

enum class ExportFormat {
    json,        ///< the interchange format, docs/export-format.md, validated by the JSON Schema
    csv,         ///< the activity register, one row per activity (RFC 4180, UTF-8)
    csv_matrix,  ///< the purpose x data-category matrix (RFC 4180, UTF-8)
    xlsx,        ///< a workbook: controller, activities, matrix, legal catalogue, change log
    html,        ///< one self-contained, printable page
    markdown,    ///< readable tables for a code forge or a wiki
    dpv,         ///< the W3C Data Privacy Vocabulary as JSON-LD, for publication (needs ExportOptions::base)
};

/// "json", "csv", "csv-matrix", "xlsx", "html", "md", "dpv"; throws Error{validation} otherwise.
ROPA_EXPORT ExportFormat export_format_from(std::string_view name);
/// The name export_format_from reads ("md" for markdown).
ROPA_EXPORT std::string_view export_format_name(ExportFormat format);

struct ExportOptions {
    ExportFormat format = ExportFormat::json;
    /// Language of names in the tabular formats; "" shows each text in its source language.
    /// The JSON export always carries every language.
    std::string lang;
    /// Only approved (active) activities: the record as the organisation stands by it, without
    /// drafts, activities in review or retired ones. Every export says so in its stamp.
    bool approved_only = false;
    /// A version (change id, tag, chain hash or time): the html, md and xlsx exports then add
    /// the changes since it, record by record and field by field as Register::diff gives them
    /// (the version sent to the authority last, say). The other formats refuse it.
    std::string since;
    /// For the dpv format (required there, refused elsewhere): the http(s) IRI under which the
    /// register's records are published; each record's IRI is this base, its kind and its code
    /// ("https://example.org/ropa/activity/PAYROLL"). A base not ending in "/" or "#" gets "/".
    std::string base;
    /// For the json format: the version of the format to write, 0 for the newest (4). 3 writes
    /// what ropa wrote before version 4 (no settings), 2 what it wrote before version 3 (no
    /// provenance on a purpose's allowed links either), so that a file of an earlier version can
    /// be made again byte for byte; verify_export reads it from the file.
    int format_version = 0;
    /// An authority's template to lay the record out in (refused with other formats): its
    /// columns, in its order, under its own headings. "ico" (csv, xlsx): the UK ICO's
    /// documentation template for controllers (a controller's activities; columns ropa does not
    /// record are left empty). "cnil" (xlsx): the CNIL's model register, its list and a fiche
    /// for each activity done as controller. "" for ropa's own layout. docs/export-format.md.
    std::string template_name;
};

/// Writes the record as `reg` shows it (use Register::at for a past version). The output
/// depends only on that version and the options: the same inputs give the same bytes.
/// Throws Error{io} if writing fails.
ROPA_EXPORT void export_record(const RegisterView& reg, const ExportOptions& options, std::ostream& out);

/// How a file that already exists at an output path is treated.
struct OutputFileOptions {
    /// Replace an existing regular file of the caller's, keeping its permissions. Without it,
    /// an existing file is refused with Error{conflict} and left as it was.
    bool replace_existing = false;
};

/// Writes what `write` produces to `path`, so that nothing is ever damaged: the bytes go to a
/// new file (mode 0600) in the target's folder, are synced, and take the target's name in one
/// rename; on any failure the temporary file is removed and `path` is as it was. Refused,
/// before anything is written: an empty path (Error{validation}); the files in `protect` and
/// their SQLite companions (-wal, -shm, -journal), any SQLite database, and an existing file
/// without `replace_existing` or of another user (Error{conflict}); a folder, a symbolic link,
/// a device, FIFO or socket (Error{io}). Every such error names the field "output".
ROPA_EXPORT void write_output_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                                   const OutputFileOptions& options = {},
                                   const std::vector<std::filesystem::path>& protect = {});

/// export_record to a file through write_output_file, protecting the register it reads.
ROPA_EXPORT void export_record_to_file(const RegisterView& reg, const ExportOptions& options,
                                       const std::filesystem::path& path, const OutputFileOptions& file_options = {});

// --- signed exports ------------------------------------------------------------------

/// The signature of an export file, kept beside it as FILE.sig (JSON; docs/versioning.md):
/// the file's SHA-256, how it was made (format, language, approved only) and of which version
/// (change id, hash and time), signed with the DPO's key. It travels with the file, so an
/// auditor holding only the two (and the DPO's public key) can tell whether either changed.
struct ExportSignature {
    std::string file_sha256;
    ExportOptions options;
    std::int64_t change_id = 0;
    std::string change_hash;
    std::string recorded_at;
    std::string signer_key;  ///< Ed25519 public key, 64 hex digits
    std::string signature;   ///< 128 hex digits, over the items above
};

/// Signs `exported`, a file export_record wrote from `reg` (as it shows now) with `options`.
/// Call it inside the same RegisterView::read_consistently as the export, so both name one
/// version. Throws Error{validation} for a register without history, Error{not_found} if the
/// file cannot be read.
ROPA_EXPORT ExportSignature sign_export(const RegisterView& reg, const ExportOptions& options,
                                        const std::filesystem::path& exported, const SigningKey& key);
/// The signature as the text of FILE.sig, and back. Reading throws Error{validation} naming
/// the JSON path of what is missing or malformed.
ROPA_EXPORT std::string export_signature_json(const ExportSignature& signature);
ROPA_EXPORT ExportSignature export_signature_from_json(std::string_view text);

/// A signed export: export_record_to_file, then its signature beside it as `path` + ".sig",
/// both of one version (one read transaction). An existing FILE.sig is refused like the file
/// itself (Error{conflict}, field "output") before anything is written; `protect` as for
/// write_output_file (the register is always protected). Returns the signature written.
ROPA_EXPORT ExportSignature export_record_signed(const RegisterView& reg, const ExportOptions& options,
                                                 const std::filesystem::path& path, const SigningKey& key,
                                                 const OutputFileOptions& file_options = {});

/// The signature of the export at `exported`: the file `signature_file` when given (Error
/// {not_found} when it cannot be read), else `exported` + ".sig" when there is one, else none.
/// A malformed signature file is Error{validation} naming the JSON path at fault.
ROPA_EXPORT std::optional<ExportSignature> read_export_signature(
    const std::filesystem::path& exported, const std::optional<std::filesystem::path>& signature_file = std::nullopt);

/// What verify_export is given besides the file.
struct ExportVerifyOptions {
    /// The file's signature (FILE.sig); without it, only the comparison with a re-export.
    std::optional<ExportSignature> signature;
    /// The DPO's public key (64 hex digits): the signature must be by it.
    std::optional<std::string> trusted_key;
    /// The register, to re-export the version the file names and compare byte for byte.
    const Register* reg = nullptr;
    /// For an unsigned file, how it was made: the format (found from the content when
    /// absent), the language and approved-only as given to the export.
    std::optional<ExportFormat> format;
    std::string lang;
    bool approved_only = false;
    std::string since;
    /// For an unsigned dpv file: its base ("": read from the file, whose first node is the register's).
    std::string base;
    /// For an unsigned file, the version it shows; when absent, the chain hash in its stamp
    /// (json, csv, html, md; an XLSX file needs it given or a signature).
    std::optional<std::string> at;
};

/// What verify_export found: `problems` empty when everything checked holds.
struct ExportVerification {
    bool signature_checked = false;
    std::string signer_fingerprint;  ///< when a signature was checked
    bool content_compared = false;   ///< re-exported from the register and compared
    std::int64_t change_id = 0;      ///< the version compared with, or signed
    std::vector<std::string> problems;
    bool ok() const { return problems.empty(); }
};

/// Whether the export at `file` is exactly what the register produced: its signature (file
/// hash, signer), and with a register, the file compared byte for byte with a new export of
/// the version it names. Throws Error{validation} if there is nothing to check (no signature
/// and no register), Error{not_found} if the file cannot be read.
ROPA_EXPORT ExportVerification verify_export(const std::filesystem::path& file, const ExportVerifyOptions& options);

/// One record as JSON text: {"kind", "id", "code", "revision", "fields": {...}}, texts as
/// {"<lang>": {"value", "status"}}, references as codes, empty fields as null.
ROPA_EXPORT std::string record_json(const Record& record);

/// One link as JSON text: {"link", "from", "to", <its fields>}.
ROPA_EXPORT std::string link_json(const Link& link);

/// A check report as JSON: {"errors", "warnings" (open ones), "acknowledged", "activities_checked",
/// "findings": [{"severity", "code", "subject", "article", "message", "acknowledgement"?}],
/// "stale_acknowledgements": [...], "completeness": {"items", "present", "percent",
/// "complete_activities", "incomplete": [{"subject", "items", "present", "missing"}]}}
/// (docs/cli.md, ropa check), indented by `indent`
/// spaces, or on one line when negative.
ROPA_EXPORT std::string check_json(const CheckReport& report, int indent = -1);

/// Acknowledgements as a JSON array of {"finding_code", "subject", "reason", "acknowledged_by",
/// "acknowledged_at"}.
ROPA_EXPORT std::string acknowledgements_json(const std::vector<Acknowledgement>& acknowledgements,
                                              int indent = -1);

/// The change log as JSON: an array of {"id", "recorded_at", "actor", "reason", "summary",
/// "tags", "hash", "prev_hash"} (ropa log --json).
ROPA_EXPORT std::string changes_json(const std::vector<ChangeInfo>& changes, int indent = -1);
/// A diff as JSON: {"from_change", "to_change", "records": [{"change": "added"|"removed"|
/// "changed", "entity", "code", "fields"?: [{"field", "before", "after"}]}]} (ropa diff --json).
ROPA_EXPORT std::string diff_json(const Diff& diff, int indent = -1);
/// {"path", "schema_level", "program_schema_level", "seeds_applied", "tables": {name: rows}}.
ROPA_EXPORT std::string info_json(const RegisterInfo& info, int indent = -1);
/// The tags as JSON: [{"name", "change_id", "created_at", "actor", "message", "signer"}],
/// "signer" the signing key's fingerprint, or null for an unsigned tag.
ROPA_EXPORT std::string tags_json(const std::vector<TagInfo>& tags, int indent = -1);
/// A verify report as JSON: {"ok", "changes_checked", "rows_checked", "signatures_checked",
/// "signers", "problems"}.
ROPA_EXPORT std::string verify_json(const VerifyReport& report, int indent = -1);
/// What the register can hold, for tools that generate forms and bindings instead of writing
/// them by hand: {"entities": [{"name", "label", "has_code", "fields": [...]}], "links":
/// [{"name", "label", "from", "to", "fields": [...]}]}, each field {"name", "label", "type",
/// "required", "choices"?, "references"?, "max_bytes"?, "allow_eu"?, "outside_eea"?}.
ROPA_EXPORT std::string model_json(int indent = -1);

/// Fields of `kind` from a JSON object in the export's form (texts as {"<lang>": "value"},
/// optional "unofficial_translations"). Throws Error{validation} naming the JSON path.
ROPA_EXPORT Fields fields_from_json(EntityKind kind, std::string_view json_object);
/// Fields of a link of `kind` from a JSON object in the export's form ({"legal_sources":
/// ["paspw-7"], "note": {"en": "..."}}). Throws Error{validation} naming the JSON path.
ROPA_EXPORT Fields link_fields_from_json(LinkKind kind, std::string_view json_object);

/// The JSON Schema (draft 2020-12) of the JSON export, as published in
/// docs/schema/ropa-record.schema.json.
ROPA_EXPORT std::string record_json_schema();

/// One activity as a document: its block of the JSON export (fields, links with their fields,
/// retention rows), for a person to edit and give back to Register::apply_activity_document.
/// Throws Error{not_found}.
ROPA_EXPORT std::string activity_document(const RegisterView& reg, std::string_view code);

} // namespace ropa
