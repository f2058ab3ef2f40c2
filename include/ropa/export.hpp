#pragma once
/// @file
/// Exports of the record (Art. 30(4)): the forms auditors and authorities use.

#include <ostream>
#include <string>
#include <string_view>

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
};

/// Writes the record as `reg` shows it (use Register::at for a past version). The output
/// depends only on that version and the options: the same inputs give the same bytes.
/// Throws Error{io} if writing fails.
ROPA_EXPORT void export_record(const Register& reg, const ExportOptions& options, std::ostream& out);

/// One record as JSON text: {"kind", "id", "code", "revision", "fields": {...}}, texts as
/// {"<lang>": {"value", "status"}}, references as codes, empty fields as null.
ROPA_EXPORT std::string record_json(const Record& record);

/// One link as JSON text: {"link", "from", "to", <its fields>}.
ROPA_EXPORT std::string link_json(const Link& link);

/// Fields of `kind` from a JSON object in the export's form (texts as {"<lang>": "value"},
/// optional "unofficial_translations"). Throws Error{validation} naming the JSON path.
ROPA_EXPORT Fields fields_from_json(EntityKind kind, std::string_view json_object);

/// The JSON Schema (draft 2020-12) of the JSON export, as published in
/// docs/schema/ropa-record.schema.json.
ROPA_EXPORT std::string record_json_schema();

} // namespace ropa
