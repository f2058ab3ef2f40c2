// CSV (RFC 4180, UTF-8, CRLF): the activity register and the purpose matrix. Each row ends
// with the version stamp, so a file that travels alone still says what it shows.

#include "export/formats.hpp"

namespace ropa::detail {

namespace {

// A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first:
// OWASP's CSV injection rule) is written with a leading apostrophe, which spreadsheets show as
// text: a name such as =HYPERLINK(...) was imported by LibreOffice as a live formula.
std::string neutralised(const std::string& value) {
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
        return "'" + value;
    return value;
}

void field(std::ostream& out, const std::string& raw) {
    const auto value = neutralised(raw);
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value)
        out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
}

void write_row(std::ostream& out, const std::vector<std::string>& row,
               const std::vector<std::pair<std::string, std::string>>& stamp) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i)
            out << ',';
        field(out, row[i]);
    }
    for (const auto& [label, value] : stamp) {
        out << ',';
        field(out, value);
    }
    out << "\r\n";
}

void write_header(std::ostream& out, std::vector<std::string> columns,
                  const std::vector<std::pair<std::string, std::string>>& stamp) {
    for (const auto& [label, value] : stamp)
        columns.push_back("Export: " + label);
    write_row(out, columns, {});
}

// The controller's Art. 30(1)(a) items beside its name, so that the activity register read
// alone names whom to contact (the other formats have a controller block).
std::vector<std::pair<std::string, std::string>> with_controller(std::vector<std::pair<std::string, std::string>> stamp,
                                                                 const RecordView& view, const TextPicker& text) {
    const auto joined = [&](std::initializer_list<const char*> fields) {
        std::vector<std::string> values;
        if (view.controller)
            for (const char* field : fields)
                if (auto value = text(view.controller->fields.at(field)); !value.empty())
                    values.push_back(std::move(value));
        std::string out;
        for (const auto& value : values)
            out += (out.empty() ? "" : "; ") + value;
        return out;
    };
    const auto at = stamp.begin() + 1;  // after "Controller"
    stamp.insert(at, {{"Controller's contact details (Art. 30(1)(a))", joined({"address", "email", "phone"})},
                      {"Representative (Art. 30(1)(a))", joined({"representative_name", "representative_contact"})},
                      {"Data protection officer (Art. 30(1)(a))", joined({"dpo_name", "dpo_email", "dpo_phone", "dpo_address"})}});
    return stamp;
}

} // namespace

void write_csv_activities(const RecordView& view, const TextPicker& text, std::ostream& out) {
    const auto stamp = with_controller(version_stamp(view, text), view, text);
    write_header(out, activity_columns(), stamp);
    view.for_each_activity([&](const ActivityRecord& activity) { write_row(out, activity_row(view, text, activity), stamp); });
}

void write_csv_template(const RecordView& view, const TextPicker& text, const TemplateView& layout, std::ostream& out) {
    const auto stamp = with_controller(template_stamp(view, text, layout), view, text);
    write_header(out, layout.columns, stamp);
    view.for_each_activity([&](const ActivityRecord& activity) {
        if (layout.includes(activity))
            write_row(out, layout.row(view, text, activity), stamp);
    });
}

void write_csv_matrix(const RecordView& view, const TextPicker& text, std::ostream& out) {
    const auto stamp = version_stamp(view, text);
    write_header(out, matrix_columns(view, text), stamp);
    for (const auto& row : matrix_rows(view, text))
        write_row(out, row, stamp);
}

} // namespace ropa::detail
