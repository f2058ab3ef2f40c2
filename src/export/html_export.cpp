// HTML: one self-contained page (inline CSS, no scripts, nothing external), printable with a
// page per section and per activity, real table headers for screen readers.

#include <algorithm>

#include "export/formats.hpp"

namespace ropa::detail {

std::string html_escape(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        switch (c) {
        case language_mark_open: {
            // a register text in another language than the page's: <span lang="TAG">
            const auto tag_end = value.find(language_mark_text, i);
            out += "<span lang=\"" + html_escape(value.substr(i + 1, tag_end - i - 1)) + "\">";
            i = tag_end;
            break;
        }
        case language_mark_close: out += "</span>"; break;
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

std::string escape(const std::string& value) { return html_escape(value); }

constexpr const char* style = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 2em; line-height: 1.35; }
h1 { font-size: 18pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; border-bottom: 2px solid #234; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 12pt; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #999; padding: 0.25em 0.45em; text-align: left; vertical-align: top; white-space: pre-line; }
thead th { background: #e3e8ee; }
th[scope=row] { background: #f3f5f7; font-weight: 600; }
table.pairs th[scope=row] { width: 32%; }
table.data th[scope=row] { white-space: nowrap; }
section#catalogue td:nth-child(2) { white-space: nowrap; }
td.tick { text-align: center; font-weight: bold; }
table.pairs.stamp th[scope=row] { width: 18%; }
.stamp { font-size: 9.5pt; }
.note { color: #444; font-size: 9pt; }
@page { size: A4; margin: 18mm 15mm 18mm; }
@page matrix { size: A4 landscape; }
@media print {
  body { margin: 0; font-size: 9.5pt; }
  section { break-before: page; }
  section#controller, section#changes, section#activities { break-before: auto; }
  section#purposes { page: matrix; }
  .part { break-before: page; }
  section#purposes .part:first-of-type { break-before: auto; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
)";

/// `text` as a CSS string literal that is safe inside a <style> element: quotes and
/// backslashes escaped, and "<" written as an escape so that no text can close the element.
std::string css_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += std::string("\\") + c;
        else if (c == '<')
            out += "\\3C ";
        else if (static_cast<unsigned char>(c) < 0x20)
            out += ' ';
        else
            out += c;
    }
    return out + "\"";
}

/// What every printed page carries (Chromium's @page margin boxes): whose record, which
/// version, its chain hash, and "Page N of M", so that a page that travels alone still says
/// what it belongs to.
std::string page_margins(const std::vector<std::pair<std::string, std::string>>& stamp, const TextPicker& text) {
    std::string controller, version, recorded, hash;
    for (const auto& [label, value] : stamp) {
        if (label == "Controller") controller = value;
        if (label == "Version") version = value;
        if (label == "Recorded at") recorded = value;
        if (label == "Chain hash") hash = value;
    }
    const std::string small = " font-size: 7.5pt; color: #333; font-family: \"DejaVu Sans\", Arial, sans-serif; }\n";
    return "@page {\n"
           "  @top-left { content: " + css_string(text.label("Record of processing activities") + ": " + controller) + ";" + small +
           "  @top-right { content: " + css_string(version + (recorded.empty() ? "" : ", " + recorded)) + ";" + small +
           "  @bottom-left { content: " + css_string(hash.empty() ? "" : text.label("Chain hash") + " " + hash) + ";" + small +
           "  @bottom-right { content: " + css_string(text.label("Page") + " ") + " counter(page) " +
           css_string(" " + text.label("of|count") + " ") + " counter(pages);" + small + "}\n";
}

void pairs(std::ostream& out, const TextPicker& text, const std::vector<std::pair<std::string, std::string>>& rows,
           const char* css_class = "") {
    out << "<table class=\"pairs" << (*css_class ? " " : "") << css_class << "\"><tbody>\n";
    for (const auto& [label, value] : rows)
        out << "<tr><th scope=\"row\">" << escape(text.label(label)) << "</th><td>" << (value.empty() ? "&ndash;" : escape(value))
            << "</td></tr>\n";
    out << "</tbody></table>\n";
}

void table_head(std::ostream& out, const std::vector<std::string>& columns, const std::vector<std::string>& titles = {}) {
    // a data table: its first column (a code) is kept on one line and takes the width it needs
    out << "<table class=\"data\"><thead><tr>";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        out << "<th scope=\"col\"";
        if (i < titles.size() && !titles[i].empty())
            out << " title=\"" << escape(without_language_marks(titles[i])) << "\"";
        out << ">" << escape(columns[i]) << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
}

void table_row(std::ostream& out, const std::vector<std::string>& row) {
    out << "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i == 0)
            out << "<th scope=\"row\">" << escape(row[i]) << "</th>";
        else if (row[i] == "\u2713")
            out << "<td class=\"tick\">\u2713</td>";
        else
            out << "<td>" << escape(row[i]) << "</td>";
    }
    out << "</tr>\n";
}

void table_end(std::ostream& out) { out << "</tbody></table>\n"; }

void table(std::ostream& out, const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows,
           const std::vector<std::string>& titles = {}) {
    table_head(out, columns, titles);
    for (const auto& row : rows)
        table_row(out, row);
    table_end(out);
}

} // namespace

void write_html(const RecordView& view, const TextPicker& text, std::ostream& out) {
    // The page is in the language asked for (the form's where none was asked); a register text
    // in another language carries its own (language marks, turned into <span lang> by escape).
    const auto stamp = version_stamp(view, text);
    const auto plain_stamp = version_stamp(view, TextPicker{text.lang, text.form});
    const auto heading = text.label("Record of processing activities (GDPR Art. 30)");
    out << "<!DOCTYPE html>\n<html lang=\"" << escape(text.page_language()) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<title>" << escape(text.label("Record of processing activities")) << ": "
        << escape(plain_stamp[0].second) << "</title>\n<style>" << style << data_flow_style()
        << page_margins(plain_stamp, text) << "</style>\n</head>\n<body>\n";
    out << "<header>\n<h1>" << escape(heading) << "</h1>\n";
    pairs(out, text, stamp, "stamp");
    out << "</header>\n<main>\n";

    out << "<section id=\"controller\">\n<h2>" << escape(text.label("Controller (Art. 30(1)(a))")) << "</h2>\n";
    pairs(out, text, controller_rows(view, text));
    out << "</section>\n";
    if (view.changes_since) {
        out << "<section id=\"changes\">\n<h2>" << escape(text.label("Changes since")) << " " << escape(view.since)
            << " (" << escape(text.label("change")) << " " << view.changes_since->from_change << " "
            << escape(text.label("to change")) << " " << view.changes_since->to_change << ")</h2>\n";
        if (view.changes_since->records.empty())
            out << "<p>" << escape(text.label("Nothing changed.")) << "</p>\n";
        else
            table(out, labels_in(text, changes_columns()), changes_rows(view, text));
        out << "</section>\n";
    }

    // Two passes over the activities, one for the index and one for their sheets, so that no
    // more than one activity is held at a time.
    const auto columns = activity_columns();
    const auto status = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), "Status") - columns.begin());
    out << "<section id=\"activities\">\n<h2>" << escape(text.label("Processing activities")) << "</h2>\n";
    bool any = false;
    view.for_each_activity([&](const ActivityRecord& activity) {
        const auto row = activity_row(view, text, activity);
        if (!any)
            table_head(out, labels_in(text, {"Reference", "Name of the processing", "Status"}));
        any = true;
        table_row(out, {row[0], row[1], row[status]});
    });
    if (any)
        table_end(out);
    else
        out << "<p>"
            << escape(text.label(view.approved_only ? "No approved (active) activity is recorded; this export leaves out "
                                                      "drafts, activities in review and retired ones."
                                                    : "No processing activities are recorded."))
            << "</p>\n";
    out << "</section>\n";
    out << "<section id=\"data-flow\">\n<h2>" << escape(text.label("How the data flow (Art. 30(1)(d), (e))"))
        << "</h2>\n";
    write_data_flow(view, TextPicker{text.lang, text.form}, out);  // SVG text: no language marks
    out << "</section>\n";
    view.for_each_activity([&](const ActivityRecord& activity) {
        const auto row = activity_row(view, text, activity);
        out << "<section class=\"activity\" id=\"activity-" << escape(row[0]) << "\">\n<h3>" << escape(row[0]) << ": "
            << escape(row[1]) << escape(approval_mark(activity, text)) << "</h3>\n";
        pairs(out, text, activity_items(row, text));
        out << "</section>\n";
    });

    // What check says of this version: completeness, the gaps, and the warnings the DPO accepted
    // with the reasons (after the activities, which the findings name).
    out << "<section id=\"check\">\n<h2>" << escape(text.label("Completeness and findings (ropa check)")) << "</h2>\n";
    bool any_finding = false;
    const auto summary = check_table(view, text, [&](const std::vector<std::string>& row) {
        if (!any_finding)
            table_head(out, labels_in(text, check_columns()));
        any_finding = true;
        table_row(out, row);
    });
    if (any_finding)
        table_end(out);
    pairs(out, text, summary);
    out << "</section>\n";

    out << "<section id=\"purposes\">\n<h2>" << escape(text.label("Purposes and the data categories they may use"))
        << "</h2>\n<ol>\n";
    std::vector<std::string> titles(4);
    for (const auto& category : view.matrix.columns) {
        out << "<li>" << escape(text(FieldValue(category.name))) << "</li>\n";
        titles.push_back(text(FieldValue(category.name)));
    }
    out << "</ol>\n";
    auto header = matrix_columns(view, text);
    for (std::size_t c = 0; c < view.matrix.columns.size(); ++c)
        header[4 + c] = "[" + std::to_string(c + 1) + "]";
    // On paper a table wider than the page loses its right-hand columns: the categories go in
    // tables of at most `per_table` columns, each repeating the purpose, so that a register with
    // any number of categories prints whole (on landscape pages).
    constexpr std::size_t lead = 4, per_table = 20;
    const auto rows = matrix_rows(view, text);
    const std::size_t categories = view.matrix.columns.size();
    titles.resize(header.size());
    for (std::size_t first = 0; first == 0 || first < categories; first += per_table) {
        const std::size_t last = std::min(categories, first + per_table);
        const bool final_part = last == categories;
        auto slice = [&](const std::vector<std::string>& row) {
            std::vector<std::string> part(row.begin(), row.begin() + lead);
            part.insert(part.end(), row.begin() + lead + first, row.begin() + lead + last);
            if (final_part)
                part.insert(part.end(), row.begin() + lead + categories, row.end());
            return part;
        };
        if (categories > per_table)
            out << "<p class=\"part\">" << escape(text.label("Data categories")) << " [" << first + 1 << "] "
                << escape(text.label("to")) << " [" << last << "] " << escape(text.label("of|count")) << " " << categories
                << "</p>\n";
        std::vector<std::vector<std::string>> part_rows;
        for (const auto& row : rows)
            part_rows.push_back(slice(row));
        table(out, slice(header), part_rows, slice(titles));
        if (final_part)
            break;
    }
    out << "<p class=\"note\">\u2713: "
        << escape(text.label("the purpose may use the data category (an allowed link). Purposes without allowed legal "
                             "bases are shown with an empty column."))
        << "</p>\n</section>\n";

    out << "<section id=\"catalogue\">\n<h2>" << escape(text.label("Legal catalogue")) << "</h2>\n";
    table(out, labels_in(text, {"Kind", "Code", "Article or reference", "Name"}), catalogue_rows(view, text));
    out << "</section>\n</main>\n</body>\n</html>\n";
}

} // namespace ropa::detail
