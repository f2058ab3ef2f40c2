#pragma once
/// @file
/// Exports of the record (Art. 30(4)): the forms auditors and authorities use.

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ropa/register.hpp"

#include "ropa/ropa_export.h"

namespace ropa {

enum class ExportFormat {
    json,        ///< the interchange format, docs/export-format.md, validated by the JSON Schema
    csv,         ///< the activity register, one row per activity (RFC 4180, UTF-8)
    csv_matrix,  ///< the purpose x data-category matrix (RFC 4180, UTF-8)
    xlsx,        ///< a workbook: controller, activities, matrix, legal catalogue, change log
    html,        ///< one self-contained, printable page
    markdown,    ///< readable tables for a code forge or a wiki
};

/// "json", "csv", "csv-matrix", "xlsx", "html", "md"; throws Error{validation} otherwise.
ROPA_EXPORT ExportFormat export_format_from(std::string_view name);

struct ExportOptions {
    ExportFormat format = ExportFormat::json;
    /// Language of names in the tabular formats; "" shows each text in its source language.
    /// The JSON export always carries every language.
    std::string lang;
    /// Only approved (active) activities: the record as the organisation stands by it, without
    /// drafts, activities in review or retired ones. Every export says so in its stamp.
    bool approved_only = false;
};

/// Writes the record as `reg` shows it (use Register::at for a past version). The output
/// depends only on that version and the options: the same inputs give the same bytes.
/// Throws Error{io} if writing fails.
ROPA_EXPORT void export_record(const Register& reg, const ExportOptions& options, std::ostream& out);

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
ROPA_EXPORT void export_record_to_file(const Register& reg, const ExportOptions& options,
                                       const std::filesystem::path& path, const OutputFileOptions& file_options = {});

/// One record as JSON text: {"kind", "id", "code", "revision", "fields": {...}}, texts as
/// {"<lang>": {"value", "status"}}, references as codes, empty fields as null.
ROPA_EXPORT std::string record_json(const Record& record);

/// One link as JSON text: {"link", "from", "to", <its fields>}.
ROPA_EXPORT std::string link_json(const Link& link);

/// A check report as JSON: {"errors", "warnings", "activities_checked", "findings": [{"severity",
/// "code", "subject", "article", "message"}]} (docs/cli.md, ropa check), indented by `indent`
/// spaces, or on one line when negative.
ROPA_EXPORT std::string check_json(const CheckReport& report, int indent = -1);

/// Fields of `kind` from a JSON object in the export's form (texts as {"<lang>": "value"},
/// optional "unofficial_translations"). Throws Error{validation} naming the JSON path.
ROPA_EXPORT Fields fields_from_json(EntityKind kind, std::string_view json_object);

/// The JSON Schema (draft 2020-12) of the JSON export, as published in
/// docs/schema/ropa-record.schema.json.
ROPA_EXPORT std::string record_json_schema();

/// One activity as a document: its block of the JSON export (fields, links with their fields,
/// retention rows), for a person to edit and give back to Register::apply_activity_document.
/// Throws Error{not_found}.
ROPA_EXPORT std::string activity_document(const Register& reg, std::string_view code);

} // namespace ropa
