#pragma once

// libxlsxwriter is opened on the first XLSX export instead of being linked: it loads libcrypto,
// and mapping the two cost every ropa command, `show` as much as `export`, about 4 ms of its
// start-up (docs/performance.md; decision D19). Its header still gives the types and the
// functions' signatures, so a mismatch is a compile error, not a crash.

#include <xlsxwriter.h>

namespace ropa::detail {

/// The libxlsxwriter functions the XLSX export calls.
struct XlsxWriterLibrary {
    decltype(&::workbook_new_opt) workbook_new_opt;
    decltype(&::workbook_add_format) workbook_add_format;
    decltype(&::workbook_add_worksheet) workbook_add_worksheet;
    decltype(&::workbook_set_properties) workbook_set_properties;
    decltype(&::workbook_close) workbook_close;
    decltype(&::format_set_bold) format_set_bold;
    decltype(&::format_set_text_wrap) format_set_text_wrap;
    decltype(&::format_set_align) format_set_align;
    decltype(&::format_set_bg_color) format_set_bg_color;
    decltype(&::format_set_border) format_set_border;
    decltype(&::worksheet_write_string) worksheet_write_string;
    decltype(&::worksheet_set_column) worksheet_set_column;
    decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
    decltype(&::worksheet_autofilter) worksheet_autofilter;
    decltype(&::worksheet_set_landscape) worksheet_set_landscape;
    decltype(&::worksheet_set_paper) worksheet_set_paper;
    decltype(&::worksheet_repeat_rows) worksheet_repeat_rows;
    decltype(&::worksheet_repeat_columns) worksheet_repeat_columns;
    decltype(&::worksheet_set_footer) worksheet_set_footer;
    decltype(&::workbook_set_custom_property_string) workbook_set_custom_property_string;
    decltype(&::format_set_num_format) format_set_num_format;
    decltype(&::worksheet_write_number) worksheet_write_number;
    decltype(&::worksheet_write_datetime) worksheet_write_datetime;
    decltype(&::worksheet_set_row) worksheet_set_row;
    decltype(&::worksheet_fit_to_pages) worksheet_fit_to_pages;
    decltype(&::worksheet_set_h_pagebreaks) worksheet_set_h_pagebreaks;
    decltype(&::worksheet_merge_range) worksheet_merge_range;
    decltype(&::lxw_strerror) lxw_strerror;
};

/// Opens libxlsxwriter on the first call (thread-safe) and returns its functions; throws
/// Error(Errc::io) naming the library when it is not installed or lacks a function.
const XlsxWriterLibrary& xlsxwriter();

/// What xlsxwriter() does, for the library the dynamic loader knows as `soname` (the SONAME
/// found at build time there; tests name others to reach the failures).
XlsxWriterLibrary open_xlsxwriter(const char* soname);

} // namespace ropa::detail
