// CSV (RFC 4180, UTF-8, CRLF): the activity register and the purpose matrix. Each row ends
// with the version stamp, so a file that travels alone still says what it shows.

#include "export/formats.hpp"

namespace ropa::detail {

namespace {

void field(std::ostream& out, const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value)
        out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
}

void write_table(std::ostream& out, std::vector<std::string> columns, const std::vector<std::vector<std::string>>& rows,
                 const std::vector<std::pair<std::string, std::string>>& stamp) {
    for (const auto& [label, value] : stamp)
        columns.push_back("Export: " + label);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i)
            out << ',';
        field(out, columns[i]);
    }
    out << "\r\n";
    for (const auto& row : rows) {
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
}

} // namespace

void write_csv_activities(const RecordView& view, const TextPicker& text, std::ostream& out) {
    write_table(out, activity_columns(), activity_rows(view, text), version_stamp(view, text));
}

void write_csv_matrix(const RecordView& view, const TextPicker& text, std::ostream& out) {
    write_table(out, matrix_columns(view, text), matrix_rows(view, text), version_stamp(view, text));
}

} // namespace ropa::detail
