// Markdown: the record as readable tables, for a code forge or a wiki.

#include <algorithm>

#include "export/formats.hpp"

namespace ropa::detail {

namespace {

// Text as Markdown shows it, never as markup: every character that can open inline syntax
// (emphasis, code, links, HTML, entities, strikethrough, table cells) is backslash-escaped, as
// CommonMark allows for any ASCII punctuation, so a name with <script> or *stars* reads as typed.
std::string cell(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\n')
            out += "<br>";
        else if (std::string_view("\\`*_[]<>|~&!#").find(c) != std::string_view::npos)
            out += std::string("\\") + c;
        else
            out += c;
    }
    return out.empty() ? "-" : out;
}

void table_head(std::ostream& out, const std::vector<std::string>& columns) {
    out << "|";
    for (const auto& c : columns)
        out << " " << cell(c) << " |";
    out << "\n|";
    for (std::size_t i = 0; i < columns.size(); ++i)
        out << " --- |";
    out << "\n";
}

void table_row(std::ostream& out, const std::vector<std::string>& row) {
    out << "|";
    for (const auto& value : row)
        out << " " << cell(value) << " |";
    out << "\n";
}

void table(std::ostream& out, const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows) {
    table_head(out, columns);
    for (const auto& row : rows)
        table_row(out, row);
    out << "\n";
}

void pairs(std::ostream& out, const TextPicker& text, const std::vector<std::pair<std::string, std::string>>& rows) {
    std::vector<std::vector<std::string>> table_rows;
    for (const auto& [label, value] : rows)
        table_rows.push_back({text.label(label), value});
    table(out, {text.label("Item"), text.label("Value")}, table_rows);
}

} // namespace

void write_markdown(const RecordView& view, const TextPicker& text, std::ostream& out) {
    out << "# " << cell(text.label("Record of processing activities (GDPR Art. 30)")) << "\n\n";
    pairs(out, text, version_stamp(view, text));
    out << "## " << cell(text.label("Controller (Art. 30(1)(a))")) << "\n\n";
    pairs(out, text, controller_rows(view, text));
    if (view.changes_since) {
        out << "## " << cell(text.label("Changes since")) << " " << cell(view.since) << " (" << text.label("change") << " "
            << view.changes_since->from_change << " " << text.label("to change") << " " << view.changes_since->to_change
            << ")\n\n";
        if (view.changes_since->records.empty())
            out << cell(text.label("Nothing changed.")) << "\n\n";
        else
            table(out, labels_in(text, changes_columns()), changes_rows(view, text));
    }

    out << "## " << cell(text.label("Processing activities")) << "\n\n";
    bool any = false;
    view.for_each_activity([&](const ActivityRecord& activity) {
        any = true;
        const auto row = activity_row(view, text, activity);
        const auto mark = approval_mark(activity, text);
        out << "### " << cell(row[0]) << ": " << cell(row[1]) << (mark.empty() ? "" : cell(mark)) << "\n\n";
        pairs(out, text, activity_items(row, text));
    });
    if (!any)
        out << cell(text.label(view.approved_only ? "No approved (active) activity is recorded; this export leaves out "
                                                    "drafts, activities in review and retired ones."
                                                  : "No processing activities are recorded."))
            << "\n\n";

    out << "## " << cell(text.label("Completeness and findings (ropa check)")) << "\n\n";
    bool any_finding = false;
    const auto summary = check_table(view, text, [&](const std::vector<std::string>& row) {
        if (!any_finding)
            table_head(out, labels_in(text, check_columns()));
        any_finding = true;
        table_row(out, row);
    });
    if (any_finding)
        out << "\n";
    pairs(out, text, summary);

    out << "## " << cell(text.label("Purposes and the data categories they may use")) << "\n\n";
    for (std::size_t c = 0; c < view.matrix.columns.size(); ++c)
        out << "- [" << c + 1 << "] " << cell(text(FieldValue(view.matrix.columns[c].name))) << "\n";
    out << "\n";
    auto matrix_header = matrix_columns(view, text);
    for (std::size_t c = 0; c < view.matrix.columns.size(); ++c)
        matrix_header[4 + c] = "[" + std::to_string(c + 1) + "]";
    table(out, matrix_header, matrix_rows(view, text));

    out << "## " << cell(text.label("Legal catalogue")) << "\n\n";
    table(out, labels_in(text, {"Kind", "Code", "Article or reference", "Name"}), catalogue_rows(view, text));
}

} // namespace ropa::detail
