#pragma once
// One writer per export format (one file each), all reading the same RecordView.

#include <filesystem>
#include <ostream>
#include <string>

#include "export/record_view.hpp"

namespace ropa::detail {

void write_json(const RecordView& view, std::ostream& out);
std::string json_schema_text();
std::string activity_document_text(const Register& reg, std::string_view code);
void write_csv_activities(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_csv_matrix(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_markdown(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_html(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_xlsx(const RecordView& view, const TextPicker& text, const std::filesystem::path& file);

/// The folder for temporary files: $TMPDIR, else /tmp. Throws Error{io} naming TMPDIR when it
/// is not a folder.
std::filesystem::path temporary_folder();

/// Rows of the matrix as text: code, purpose, group, bases, one cell per category, notes.
std::vector<std::string> matrix_columns(const RecordView& view, const TextPicker& text);
std::vector<std::vector<std::string>> matrix_rows(const RecordView& view, const TextPicker& text);

/// The legal catalogue as rows: kind, code, article, name.
std::vector<std::vector<std::string>> catalogue_rows(const RecordView& view, const TextPicker& text);

/// The check summary, the Art. 30 items each incomplete record lacks, and every finding (open
/// or accepted, with who accepted it, when and why), for the formats people read.
std::vector<std::pair<std::string, std::string>> check_summary(const RecordView& view);
std::vector<std::string> check_columns();
std::vector<std::vector<std::string>> check_rows(const RecordView& view);
std::vector<std::string> incomplete_columns();
std::vector<std::vector<std::string>> incomplete_rows(const RecordView& view);

/// The changes since ExportOptions::since, one row per field changed (or per record added or
/// removed): change, entity, record, field, before, after.
std::vector<std::string> changes_columns();
std::vector<std::vector<std::string>> changes_rows(const RecordView& view);

/// The controller's fields as (Art. 30 label, value) pairs, empty ones included as "".
std::vector<std::pair<std::string, std::string>> controller_rows(const RecordView& view, const TextPicker& text);

} // namespace ropa::detail
