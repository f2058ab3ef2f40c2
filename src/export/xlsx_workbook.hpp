#pragma once
// The XLSX workbook as ropa writes it (xlsx_export.cpp, xlsx_template.cpp), over libxlsxwriter:
// sheets of a frozen, filtered header row and rows written as they come (constant memory), and
// forms (an authority's fiche: section headings and labelled rows); dates as date cells, rows
// as tall as their text, printed on A4 with the sheet's name and page numbers in the footer.

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "export/formats.hpp"
#include "export/xlsx_library.hpp"
#include "ropa/error.hpp"
#include "ropa/version.hpp"

namespace ropa::detail {

// Excel keeps at most 32,767 characters in a cell.
inline std::string fit_cell(const std::string& value) {
    constexpr std::size_t limit = 32000;
    if (value.size() <= limit)
        return value;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;  // not inside a UTF-8 sequence
    return value.substr(0, cut) + " [... cut: see the JSON export]";
}

// A cell holding a date (YYYY-MM-DD) or a UTC time as ropa writes them
// (YYYY-MM-DDTHH:MM:SS[.fff]Z), as a spreadsheet date; anything else: none.
inline std::optional<lxw_datetime> date_time_of(const std::string& cell) {
    const bool date = cell.size() == 10;
    const bool time = cell.size() >= 20 && cell.size() <= 24 && cell[10] == 'T' && cell.back() == 'Z';
    if (!date && !time)
        return std::nullopt;
    lxw_datetime when{};
    double seconds = 0;
    int used = 0;
    if (date) {
        if (std::sscanf(cell.c_str(), "%4d-%2d-%2d%n", &when.year, &when.month, &when.day, &used) != 3 || used != 10)
            return std::nullopt;
    } else if (std::sscanf(cell.c_str(), "%4d-%2d-%2dT%2d:%2d:%lfZ%n", &when.year, &when.month, &when.day, &when.hour,
                           &when.min, &seconds, &used) != 6 ||
               static_cast<std::size_t>(used) != cell.size()) {
        return std::nullopt;
    }
    if (cell[4] != '-' || cell[7] != '-' || when.year < 1900 || when.month < 1 || when.month > 12 || when.day < 1 ||
        when.day > 31 || when.hour > 23 || when.min > 59 || seconds >= 60)
        return std::nullopt;
    when.sec = seconds;
    return when;
}

// How many lines a cell takes when wrapped in a column `width` characters wide: each line of
// the text by its characters (UTF-8 continuation bytes not counted), a little narrower than the
// column, as a spreadsheet wraps at word boundaries.
inline std::size_t wrapped_lines(const std::string& cell, double width) {
    const auto per_line = static_cast<std::size_t>(std::max(4.0, width * 1.05 - 2));
    std::size_t lines = 0, characters = 0;
    const auto end_line = [&] { lines += std::max<std::size_t>(1, (characters + per_line - 1) / per_line); };
    for (const char byte : cell) {
        if (byte == '\n') {
            end_line();
            characters = 0;
        } else if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) {
            ++characters;
        }
    }
    end_line();
    return lines;
}

inline std::size_t header_lines(const std::vector<std::string>& columns, const std::vector<double>& widths) {
    std::size_t lines = 1;
    for (std::size_t c = 0; c < columns.size(); ++c)
        lines = std::max(lines, wrapped_lines(columns[c], c < widths.size() ? widths[c] : widths.back()));
    return lines;
}

inline time_t version_time(const RecordView& view) {
    std::tm parts{};
    if (!view.version || !strptime(view.version->recorded_at.c_str(), "%Y-%m-%dT%H:%M:%S", &parts))
        return 315532800;  // 1980-01-01, the earliest time a ZIP entry can carry
    return timegm(&parts);
}

class Workbook {
public:
    // constant_memory: libxlsxwriter writes each row to a temporary file as it comes (rows in
    // order, strings inline), so a large register does not grow the export's memory.
    explicit Workbook(const std::filesystem::path& file)
        : xlsx_(xlsxwriter()), tmpdir_(temporary_folder().string()), book_(new_workbook(xlsx_, file, tmpdir_)) {
        if (!book_)
            throw Error(Errc::io, "cannot create the XLSX file " + file.string());
        header_ = xlsx_.workbook_add_format(book_);
        xlsx_.format_set_bold(header_);
        xlsx_.format_set_text_wrap(header_);
        xlsx_.format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
        xlsx_.format_set_bg_color(header_, 0xE3E8EE);
        xlsx_.format_set_border(header_, LXW_BORDER_THIN);
        wrap_ = xlsx_.workbook_add_format(book_);
        xlsx_.format_set_text_wrap(wrap_);
        xlsx_.format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        date_ = xlsx_.workbook_add_format(book_);
        xlsx_.format_set_num_format(date_, "yyyy-mm-dd");
        xlsx_.format_set_align(date_, LXW_ALIGN_LEFT);
        xlsx_.format_set_align(date_, LXW_ALIGN_VERTICAL_TOP);
        date_time_ = xlsx_.workbook_add_format(book_);
        xlsx_.format_set_num_format(date_time_, "yyyy-mm-dd hh:mm:ss");
        xlsx_.format_set_align(date_time_, LXW_ALIGN_LEFT);
        xlsx_.format_set_align(date_time_, LXW_ALIGN_VERTICAL_TOP);
        number_ = xlsx_.workbook_add_format(book_);
        xlsx_.format_set_align(number_, LXW_ALIGN_LEFT);
        xlsx_.format_set_align(number_, LXW_ALIGN_VERTICAL_TOP);
        tick_ = xlsx_.workbook_add_format(book_);
        xlsx_.format_set_align(tick_, LXW_ALIGN_CENTER);
        xlsx_.format_set_align(tick_, LXW_ALIGN_VERTICAL_TOP);
    }
    ~Workbook() {
        if (book_)
            xlsx_.workbook_close(book_);
    }

    void properties(const std::string& title, const std::string& controller, time_t created) {
        title_ = title;
        author_ = controller;
        lxw_doc_properties properties{};
        properties.title = title_.data();
        properties.author = author_.data();
        properties.company = author_.data();
        properties.created = created;
        // Who made the file: libxlsxwriter writes "Microsoft Excel" as the application (fixed in
        // the library); the comments and a custom property name ropa and its version.
        comments_ = std::string("Made with ropa ") + version() + ", from the register's history";
        keywords_ = "GDPR; Art. 30; record of processing activities";
        properties.comments = comments_.data();
        properties.keywords = keywords_.data();
        xlsx_.workbook_set_properties(book_, &properties);
        const std::string made_by = std::string("ropa ") + version();
        xlsx_.workbook_set_custom_property_string(book_, "Generator", made_by.c_str());
    }

    // A sheet with a frozen, filtered header row; `widths` in characters. Rows are written as
    // they come, then finish() sets the filter over them. A form (Workbook::form) has a title
    // in its first row instead, and headings among its rows; finish_form() prints it.
    class Sheet {
    public:
        /// A row of a form, its text as written, a heading in the header's style: its last cell
        /// spans the columns to the form's last, so that a section of two columns uses the
        /// page's width (its row as tall as the text needs at that width).
        void form_row(const std::vector<std::string>& cells, bool heading = false) {
            ++rows_;
            auto& xlsx = book_.xlsx_;
            auto* format = heading ? book_.header_ : book_.wrap_;
            std::size_t lines = 1;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                double width = c < widths_.size() ? widths_[c] : widths_.back();
                if (c + 1 == cells.size())
                    for (std::size_t more = c + 1; more < columns_; ++more)
                        width += more < widths_.size() ? widths_[more] : widths_.back();
                lines = std::max(lines, wrapped_lines(cells[c], width));
            }
            xlsx.worksheet_set_row(sheet_, rows_, std::min(409.0, 15.0 * static_cast<double>(lines)), nullptr);
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto column = static_cast<lxw_col_t>(c);
                if (c + 1 == cells.size() && c + 1 < columns_)
                    xlsx.worksheet_merge_range(sheet_, rows_, column, rows_, static_cast<lxw_col_t>(columns_ - 1),
                                               fit_cell(cells[c]).c_str(), format);
                else if (!cells[c].empty() || heading)
                    xlsx.worksheet_write_string(sheet_, rows_, column, fit_cell(cells[c]).c_str(), format);
            }
        }
        /// The next row starts a new page on paper (a form's next entry). Excel keeps at most
        /// 1,023 page breaks in a sheet: the entries past them follow on from the page before.
        void break_page() {
            if (page_breaks_.size() < 1023)
                page_breaks_.push_back(rows_ + 1);
        }
        void row(const std::vector<std::string>& cells) {
            ++rows_;
            auto& xlsx = book_.xlsx_;
            // The row as tall as its longest wrapped cell, so no text hides under the next row
            // (LibreOffice keeps the default height of a row written without one).
            std::size_t lines = 1;
            for (std::size_t c = 0; c < cells.size(); ++c)
                lines = std::max(lines, wrapped_lines(cells[c], c < widths_.size() ? widths_[c] : widths_.back()));
            xlsx.worksheet_set_row(sheet_, rows_, std::min(409.0, 15.0 * static_cast<double>(lines)), nullptr);
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto& cell = cells[c];
                if (cell.empty())
                    continue;
                const auto column = static_cast<lxw_col_t>(c);
                // A date is a date cell and a count a number cell, so they sort and filter
                // as such; everything else stays text as written.
                if (auto when = date_time_of(cell)) {
                    xlsx.worksheet_write_datetime(sheet_, rows_, column, &*when,
                                                  cell.size() == 10 ? book_.date_ : book_.date_time_);
                    continue;
                }
                if (c < numeric_.size() && numeric_[c] && cell.size() < 16 &&
                    cell.find_first_not_of("0123456789") == std::string::npos) {
                    xlsx.worksheet_write_number(sheet_, rows_, column, std::stod(cell), book_.number_);
                    continue;
                }
                xlsx.worksheet_write_string(sheet_, rows_, column, fit_cell(cell).c_str(),
                                            cell == "\u2713" ? book_.tick_ : book_.wrap_);
            }
        }
        void finish() {
            auto& xlsx = book_.xlsx_;
            xlsx.worksheet_freeze_panes(sheet_, 1, 0);
            if (columns_ > 0)
                xlsx.worksheet_autofilter(sheet_, 0, 0, rows_, static_cast<lxw_col_t>(columns_ - 1));
            // On paper (the auditor's print check): A4 landscape, the header row and the first
            // column (the reference) on every page, so a page read alone still says what its
            // cells are; the footer numbers the pages and names the sheet.
            xlsx.worksheet_set_landscape(sheet_);
            xlsx.worksheet_set_paper(sheet_, 9);  // A4
            xlsx.worksheet_repeat_rows(sheet_, 0, 0);
            if (columns_ > 1)
                xlsx.worksheet_repeat_columns(sheet_, 0, 0);
            xlsx.worksheet_set_footer(sheet_, book_.footer_.c_str());
            // Fit to the page's width where the columns still read at that scale; a wider sheet
            // (the activities, a large matrix) prints across pages with its reference column
            // repeated instead of shrinking to an unreadable size (decision D36).
            double width = 0;
            for (std::size_t c = 0; c < columns_; ++c)
                width += c < widths_.size() ? widths_[c] : widths_.back();
            if (width <= 260)
                xlsx.worksheet_fit_to_pages(sheet_, 1, 0);
        }

        /// A form on paper: A4 landscape, as wide as the page, each entry from a new page
        /// (upright, its eight columns printed at about 5 points).
        void finish_form() {
            auto& xlsx = book_.xlsx_;
            xlsx.worksheet_set_landscape(sheet_);
            xlsx.worksheet_set_paper(sheet_, 9);  // A4
            xlsx.worksheet_set_footer(sheet_, book_.footer_.c_str());
            xlsx.worksheet_fit_to_pages(sheet_, 1, 0);
            if (!page_breaks_.empty()) {
                page_breaks_.push_back(0);  // the list's end, as libxlsxwriter reads it
                xlsx.worksheet_set_h_pagebreaks(sheet_, page_breaks_.data());
            }
        }

    private:
        friend class Workbook;
        Sheet(Workbook& book, lxw_worksheet* sheet, std::size_t columns, std::vector<double> widths,
              std::vector<bool> numeric)
            : book_(book), sheet_(sheet), columns_(columns), widths_(std::move(widths)), numeric_(std::move(numeric)) {}
        Workbook& book_;
        lxw_worksheet* sheet_;
        std::size_t columns_;
        std::vector<double> widths_;  ///< in characters, per column (the last for the rest)
        std::vector<bool> numeric_;   ///< columns whose digits are a number, not a code
        lxw_row_t rows_ = 0;
        std::vector<lxw_row_t> page_breaks_;
    };

    /// `numbers`: the columns that hold counts (a change id, a revision), written as numbers;
    /// any other column holding digits (a reference "007") stays text.
    Sheet sheet(const char* name, const std::vector<std::string>& columns, const std::vector<double>& widths,
                const std::vector<std::string>& numbers = {}) {
        lxw_worksheet* sheet = xlsx_.workbook_add_worksheet(book_, name);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const double width = c < widths.size() ? widths[c] : widths.back();
            xlsx_.worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, wrap_);
            xlsx_.worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), header_);
        }
        std::vector<bool> numeric(columns.size(), false);
        for (std::size_t c = 0; c < columns.size(); ++c)
            numeric[c] = std::find(numbers.begin(), numbers.end(), columns[c]) != numbers.end();
        xlsx_.worksheet_set_row(sheet, 0, std::min(409.0, 15.0 * static_cast<double>(header_lines(columns, widths))),
                                nullptr);
        return Sheet(*this, sheet, columns.size(), widths, std::move(numeric));
    }

    /// A form: `title` in its first row, then what the caller writes (headings and rows).
    Sheet form(const char* name, const std::string& title, const std::vector<double>& widths) {
        lxw_worksheet* sheet = xlsx_.workbook_add_worksheet(book_, name);
        for (std::size_t c = 0; c < widths.size(); ++c)
            xlsx_.worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], wrap_);
        xlsx_.worksheet_write_string(sheet, 0, 0, title.c_str(), header_);
        return Sheet(*this, sheet, widths.size(), widths, {});
    }

    void sheet(const char* name, const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows,
               const std::vector<double>& widths, const std::vector<std::string>& numbers = {}) {
        auto written = sheet(name, columns, widths, numbers);
        for (const auto& row : rows)
            written.row(row);
        written.finish();
    }

    void close() {
        const lxw_error error = xlsx_.workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR)
            throw Error(Errc::io, std::string("writing the XLSX file failed: ") + xlsx_.lxw_strerror(error));
    }

private:
    static lxw_workbook* new_workbook(const XlsxWriterLibrary& xlsx, const std::filesystem::path& file,
                                      const std::string& tmpdir) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = const_cast<char*>(tmpdir.c_str());
        return xlsx.workbook_new_opt(file.c_str(), &options);
    }

    const XlsxWriterLibrary& xlsx_;
    std::string tmpdir_;  // $TMPDIR, kept while the workbook may write its temporary files there
    lxw_workbook* book_;
    lxw_format* header_ = nullptr;
    lxw_format* wrap_ = nullptr;
    lxw_format* tick_ = nullptr;
    lxw_format* date_ = nullptr;
    lxw_format* date_time_ = nullptr;
    lxw_format* number_ = nullptr;
    std::string title_, author_, comments_, keywords_;
    std::string footer_ = "&L&A&RPage &P of &N";  ///< the sheet's name, "Page N of M" in the form's language

public:
    void page_footer(const TextPicker& text) {
        footer_ = "&L&A&R" + text.label("Page") + " &P " + text.label("of|count") + " &N";
    }
};

inline std::vector<std::vector<std::string>> as_rows(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [label, value] : pairs)
        rows.push_back({label, value});
    return rows;
}

} // namespace ropa::detail
