#include "export/xlsx_library.hpp"

#include <string>

#include <dlfcn.h>

#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

template <typename Function>
void resolve(void* handle, const char* soname, const char* name, Function& slot) {
    slot = reinterpret_cast<Function>(dlsym(handle, name));
    if (!slot) {
        dlclose(handle);
        throw Error(Errc::io, std::string("XLSX export: ") + soname + " has no function " + name +
                                  " (a different libxlsxwriter than ropa was built with?)");
    }
}

} // namespace

XlsxWriterLibrary open_xlsxwriter(const char* soname) {
    // By SONAME, so the loader searches the usual places just as for a linked library. Never
    // closed once resolved: the functions stay valid for the life of the process.
    void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* reason = dlerror();
        throw Error(Errc::io, std::string("XLSX export needs libxlsxwriter, which could not be loaded (") +
                                  (reason ? reason : soname) +
                                  "); install Debian's libxlsxwriter4 package or export another format");
    }
    XlsxWriterLibrary library{};
#define ROPA_RESOLVE(function) resolve(handle, soname, #function, library.function)
    ROPA_RESOLVE(workbook_new_opt);
    ROPA_RESOLVE(workbook_add_format);
    ROPA_RESOLVE(workbook_add_worksheet);
    ROPA_RESOLVE(workbook_set_properties);
    ROPA_RESOLVE(workbook_close);
    ROPA_RESOLVE(format_set_bold);
    ROPA_RESOLVE(format_set_text_wrap);
    ROPA_RESOLVE(format_set_align);
    ROPA_RESOLVE(format_set_bg_color);
    ROPA_RESOLVE(format_set_border);
    ROPA_RESOLVE(worksheet_write_string);
    ROPA_RESOLVE(worksheet_set_column);
    ROPA_RESOLVE(worksheet_freeze_panes);
    ROPA_RESOLVE(worksheet_autofilter);
    ROPA_RESOLVE(worksheet_set_landscape);
    ROPA_RESOLVE(worksheet_set_paper);
    ROPA_RESOLVE(worksheet_repeat_rows);
    ROPA_RESOLVE(worksheet_repeat_columns);
    ROPA_RESOLVE(worksheet_set_footer);
    ROPA_RESOLVE(workbook_set_custom_property_string);
    ROPA_RESOLVE(format_set_num_format);
    ROPA_RESOLVE(worksheet_write_number);
    ROPA_RESOLVE(worksheet_write_datetime);
    ROPA_RESOLVE(worksheet_set_row);
    ROPA_RESOLVE(worksheet_fit_to_pages);
    ROPA_RESOLVE(worksheet_set_h_pagebreaks);
    ROPA_RESOLVE(worksheet_merge_range);
    ROPA_RESOLVE(lxw_strerror);
#undef ROPA_RESOLVE
    return library;
}

const XlsxWriterLibrary& xlsxwriter() {
    // ROPA_XLSXWRITER_SONAME: the SONAME CMake read from the library at configure time. A
    // throwing initialiser leaves the static uninitialised, so a later export tries again.
    static const XlsxWriterLibrary library = open_xlsxwriter(ROPA_XLSXWRITER_SONAME);
    return library;
}

} // namespace ropa::detail
