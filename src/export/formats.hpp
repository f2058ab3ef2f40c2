#pragma once

#include <functional>
// One writer per export format (one file each), all reading the same RecordView.

#include <filesystem>
#include <ostream>
#include <string>

#include "export/record_view.hpp"

namespace ropa::detail {

void write_json(const RecordView& view, std::ostream& out);
std::string json_schema_text();
std::string activity_document_text(const RegisterView& reg, std::string_view code);
void write_csv_activities(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_csv_matrix(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_markdown(const RecordView& view, const TextPicker& text, std::ostream& out);
void write_html(const RecordView& view, const TextPicker& text, std::ostream& out);
/// Text as HTML (and SVG) character data or an attribute value: & < > " escaped.
std::string html_escape(const std::string& value);
/// The HTML export's data-flow picture (data_flow.cpp): one SVG figure per few activities, and
/// its style rules.
void write_data_flow(const RecordView& view, const TextPicker& text, std::ostream& out);
std::string data_flow_style();
/// `base`: as publication_base returns it.
void write_dpv(const RecordView& view, const std::string& base, std::ostream& out);
/// ExportOptions::base checked (Error{validation} naming "base") and ending in "/" or "#".
std::string publication_base(const std::string& base);
void write_xlsx(const RecordView& view, const TextPicker& text, const std::filesystem::path& file);

/// A section of an authority's form: its heading, the headings of the columns its rows fill,
/// and its rows (a label, then a cell per column).
struct FormSection {
    std::string heading;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

/// An authority's template (template_views.cpp): its headings in its order, which activities
/// it holds, and each one's row under those headings.
struct TemplateView {
    std::string name;   ///< as ExportOptions::template_name gives it ("ico")
    std::string title;  ///< what the template is called, for the stamp
    std::string sheet = "Template";  ///< the XLSX sheet of its table, named as the template names it
    std::vector<std::string> columns;
    std::function<bool(const ActivityRecord&)> includes;
    std::function<std::vector<std::string>(const RecordView&, const TextPicker&, const ActivityRecord&)> row;
    /// A template that is a form for each activity (the CNIL's): the form's sections, the table
    /// above being its list of entries. Unset for a template that is one table.
    std::function<std::vector<FormSection>(const RecordView&, const TextPicker&, const ActivityRecord&)> form;
    std::string form_sheet;  ///< the XLSX sheet of the forms, one after the other
    std::string form_title;  ///< the heading each form starts with, before the entry's reference
};
/// The CNIL's model register (template_cnil.cpp).
TemplateView cnil_register();
/// Whether an activity is done as controller: the templates of controllers' records hold those
/// alone (a processor's record, Art. 30(2), has templates of its own).
bool done_as_controller(const ActivityRecord& entry);
/// The version stamp of an export in `layout`: the template named, and which activities it
/// holds (those done as controller) and how many it leaves out.
std::vector<std::pair<std::string, std::string>> template_stamp(const RecordView& view, const TextPicker& text,
                                                               const TemplateView& layout);
/// The names of the templates ropa lays out ("ico", "cnil").
std::vector<std::string> template_names();
/// The template named `name`; Error{validation} naming "template" for one ropa does not know.
const TemplateView& template_view(std::string_view name);
/// The activities laid out as `layout`, one row each, the version stamp after its columns.
void write_csv_template(const RecordView& view, const TextPicker& text, const TemplateView& layout, std::ostream& out);
void write_xlsx_template(const RecordView& view, const TextPicker& text, const TemplateView& layout,
                         const std::filesystem::path& file);

/// The folder for temporary files: $TMPDIR, else /tmp. Throws Error{io} naming TMPDIR when it
/// is not a folder.
std::filesystem::path temporary_folder();

/// Rows of the matrix as text: code, purpose, group, bases, one cell per category, notes.
std::vector<std::string> matrix_columns(const RecordView& view, const TextPicker& text);
std::vector<std::vector<std::string>> matrix_rows(const RecordView& view, const TextPicker& text);

/// The legal catalogue as rows: kind, code, article, name.
std::vector<std::vector<std::string>> catalogue_rows(const RecordView& view, const TextPicker& text);

/// What check says of the version shown (as on the day it was recorded; of the approved
/// activities alone with approved_only): each row of its table (record, severity, article,
/// finding, code) handed to `row` as it is made (a record's missing Art. 30 items, then its
/// findings), so nothing is held; returns the summary (checked, completeness, counts), which
/// the formats write after the table.
std::vector<std::string> check_columns();
std::vector<std::pair<std::string, std::string>> check_table(const RecordView& view, const TextPicker& text,
                                                             const std::function<void(const std::vector<std::string>&)>& row);

/// The changes since ExportOptions::since, one row per field changed (or per record added or
/// removed): change, entity, record, field, before, after.
std::vector<std::string> changes_columns();
std::vector<std::vector<std::string>> changes_rows(const RecordView& view, const TextPicker& text);

/// The controller's fields as (Art. 30 label, value) pairs, empty ones included as "".
std::vector<std::pair<std::string, std::string>> controller_rows(const RecordView& view, const TextPicker& text);

} // namespace ropa::detail
