// The hostile-input corpus (tests/cli/hostile/corpus.txt): every command refuses bad input
// with its exit status, a message naming what is at fault, and a register left byte for byte
// as it was.

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"
#include "hostile_corpus.hpp"

using namespace ropa;
using ropa::test::read_file;
using ropa::test::run_ropa;
using ropa::test::TempDir;
using ropa::test::load_corpus;

TEST(HostileInput, EveryCaseIsRefusedNamingTheFaultAndLeavesTheRegisterAsItWas) {
    TempDir dir;
    const auto corpus_file = std::filesystem::path(ROPA_SOURCE_DIR) / "tests/cli/hostile/corpus.txt";
    const auto cases = load_corpus(corpus_file);
    ASSERT_GE(cases.size(), 60u);

    const auto pristine = dir / "pristine.ropa";
    {
        auto reg = Register::create(pristine);
        reg.apply_seed("ccb-annex", ropa::test::change);
        ropa::test::build_complete_register_on_seed(reg);
        reg.tag("v1", "corpus", "tester");
    }
    {
        auto empty = Register::create(dir / "empty.ropa");
        std::ofstream out(dir / "empty.json", std::ios::binary);
        export_record(empty, {ExportFormat::json, ""}, out);
    }
    std::filesystem::copy_file(corpus_file, dir / "corpus.txt");
    const std::string before = read_file(pristine);
    const bool print = std::getenv("ROPA_CORPUS_PRINT") != nullptr;

    for (const auto& c : cases) {
        const auto target = dir / "reg.ropa";
        std::filesystem::remove(target);
        std::filesystem::copy_file(pristine, target);
        std::vector<std::string> args{"--db", "reg.ropa", "--actor", "corpus"};
        if (!c.args.empty() && c.args[0] == "--db")
            args.clear();  // the case names its own file
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto result = run_ropa(dir.path(), args);
        if (print)
            std::printf("line %d: exit %d: %s%s", c.line, result.status, result.err.substr(0, 300).c_str(), result.out.substr(0, 2000).c_str());
        SCOPED_TRACE("corpus.txt:" + std::to_string(c.line) + ": " + result.err.substr(0, 500));
        EXPECT_EQ(result.status, c.status);
        EXPECT_NE(result.err.find(c.expected), std::string::npos) << "the message should name " << c.expected;
        // One form for every refusal, CLI11's included, and never a library's internals.
        EXPECT_EQ(result.err.rfind("ropa: error: ", 0), 0u) << "every message starts with ropa: error:";
        for (const char* internal : {"json.exception", "SQLITE_", "sqlite3", "constraint failed", "internal"})
            EXPECT_EQ(result.err.find(internal), std::string::npos) << "the message shows " << internal;
        EXPECT_LE(result.err.size(), 2200u) << "a bad value is quoted in part, never whole";
        EXPECT_TRUE(read_file(target) == before) << "the register changed";
        EXPECT_FALSE(std::filesystem::exists(dir / "out.json") || std::filesystem::exists(dir / "out.pdf"))
            << "a refused export left a file";
        EXPECT_FALSE(std::filesystem::exists(dir / "new.ropa")) << "a refused init left a file";
    }
}
