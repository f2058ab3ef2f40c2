// libxlsxwriter is opened at run time (docs/decisions.md D19): a missing or wrong library must
// be a clear error naming what to install, never a crash, and the built-in name must load.

#include <string>

#include <gtest/gtest.h>

#include "export/xlsx_library.hpp"
#include "ropa/error.hpp"

using namespace ropa;

namespace {

std::string error_of(const char* soname) {
    try {
        detail::open_xlsxwriter(soname);
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::io);
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST(XlsxLibrary, AMissingLibraryNamesThePackageToInstall) {
    const auto message = error_of("libropa-test-no-such-library.so.0");
    EXPECT_NE(message.find("libxlsxwriter4"), std::string::npos) << message;
    EXPECT_NE(message.find("another format"), std::string::npos) << message;
}

TEST(XlsxLibrary, ALibraryWithoutItsFunctionsIsRefusedNamingTheFirstMissing) {
    // SQLite loads (ropa links it) but is not libxlsxwriter
    const auto message = error_of("libsqlite3.so.0");
    EXPECT_NE(message.find("has no function workbook_new_opt"), std::string::npos) << message;
}

TEST(XlsxLibrary, TheLibraryRopaWasBuiltWithLoads) {
    const auto& library = detail::xlsxwriter();
    EXPECT_NE(library.workbook_new_opt, nullptr);
    EXPECT_NE(library.lxw_strerror, nullptr);
    EXPECT_GT(std::string(library.lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED)).size(), 0u);  // a resolved function runs
}
