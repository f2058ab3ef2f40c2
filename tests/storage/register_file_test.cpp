// Creating, opening and refusing register files.

#include <sys/stat.h>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "ropa/register.hpp"
#include "storage/connection.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::TempDir;

namespace {


void set_pragma(const std::filesystem::path& path, const std::string& pragma) {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA " + pragma);
}

}  // namespace

TEST(RegisterFile, CreateMakesAPrivateFileAtTheNewestLevel) {
    TempDir dir;
    const auto path = dir / "r.db";
    {
        auto reg = Register::create(path);
        EXPECT_EQ(reg.schema_level(), Register::program_schema_level());
        EXPECT_GE(Register::program_schema_level(), 2);
    }
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(raw.execAndGet("PRAGMA application_id").getInt(), 0x524F5041);
    EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), Register::program_schema_level());
    EXPECT_EQ(raw.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

// (Every connection also waits for other writers through its busy handler, which replaces
// SQLite's busy_timeout: tests/reliability, Contention.)
TEST(RegisterFile, EveryConnectionHasForeignKeysAndWal) {
    TempDir dir;
    Register::create(dir / "r.db");
    detail::Connection connection(dir / "r.db", OpenMode::read_write);
    EXPECT_EQ(connection.db().execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_EQ(connection.db().execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_THROW(connection.db().exec("DELETE FROM localized_text WHERE id = 1"), SQLite::Exception);
}

TEST(RegisterFile, CreateRefusesAnExistingFileAndLeavesItAlone) {
    TempDir dir;
    const auto path = dir / "notes.txt";
    ropa::test::write_file(path, "my notes");
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::create(path); }), Errc::conflict);
    EXPECT_EQ(ropa::test::read_file(path), "my notes");
}

TEST(RegisterFile, AnEmptyPathIsAMistakeInWhatWasGiven) {
    EXPECT_EQ(ropa::test::error_code_of([] { Register::create(""); }), Errc::validation);
    EXPECT_EQ(ropa::test::error_code_of([] { Register::open(""); }), Errc::validation);
}

TEST(RegisterFile, OpenRefusesAFileThatIsNotSqlite) {
    TempDir dir;
    const auto path = dir / "notes.txt";
    const std::string content = "This is not a database, but it is long enough to look like one? " + std::string(200, 'x');
    ropa::test::write_file(path, content);
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(path); }), Errc::not_a_register);
    EXPECT_EQ(ropa::test::read_file(path), content);
    EXPECT_FALSE(std::filesystem::exists(path.string() + "-wal"));
}

TEST(RegisterFile, OpenRefusesAnotherApplicationsDatabaseByteForByte) {
    TempDir dir;
    const auto path = dir / "other.db";
    {
        SQLite::Database other(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    }
    const auto before = ropa::test::read_file(path);
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(path); }), Errc::not_a_register);
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(path, {.mode = OpenMode::read_only}); }), Errc::not_a_register);
    EXPECT_EQ(ropa::test::read_file(path), before);
}

TEST(RegisterFile, OpenRefusesANewerRegisterByteForByte) {
    TempDir dir;
    const auto path = dir / "r.db";
    Register::create(path);
    set_pragma(path, "user_version = " + std::to_string(Register::program_schema_level() + 1));
    set_pragma(path, "wal_checkpoint(TRUNCATE)");
    const auto before = ropa::test::read_file(path);
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(path); }), Errc::schema_too_new);
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(path, {.upgrade = true}); }), Errc::schema_too_new);
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(path, {.allow_older = true}); }), Errc::schema_too_new);
    EXPECT_EQ(ropa::test::read_file(path), before);
}

TEST(RegisterFile, OpenOfAMissingFileCreatesNothing) {
    TempDir dir;
    EXPECT_EQ(ropa::test::error_code_of([&] { Register::open(dir / "absent.db"); }), Errc::not_found);
    EXPECT_FALSE(std::filesystem::exists(dir / "absent.db"));
}

TEST(RegisterFile, ReadOnlyOpenReadsButRefusesWrites) {
    TempDir dir;
    const auto path = dir / "r.db";
    Register::create(path);
    auto reg = Register::open(path, {.mode = OpenMode::read_only});
    EXPECT_EQ(reg.legal_bases().size(), 20u);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.apply_seed("ccb-annex", {"test", "test"}); }), Errc::io);
    EXPECT_TRUE(reg.purposes().empty());
}

TEST(RegisterFile, InfoCountsRowsPerTable) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    const auto info = reg.info();
    EXPECT_EQ(info.schema_level, Register::program_schema_level());
    auto count_of = [&](const std::string& table) -> std::int64_t {
        for (const auto& t : info.tables)
            if (t.table == table)
                return t.rows;
        return -1;
    };
    EXPECT_EQ(count_of("legal_basis"), 20);
    EXPECT_EQ(count_of("transfer_tool"), 16);
    EXPECT_EQ(count_of("purpose"), 0);
    EXPECT_EQ(count_of("no_such_table"), -1);
}

TEST(LegalCatalogue, CoversArticles6_9_10AndChapterV) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    std::vector<std::string> codes;
    for (const auto& basis : reg.legal_bases()) {
        codes.push_back(basis.code);
        for (const char* lang : {"nl", "fr", "en"})
            EXPECT_FALSE(pick_value(basis.name, lang).empty()) << basis.code << " " << lang;
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"art6-1-a", "art6-1-b", "art6-1-c", "art6-1-d", "art6-1-e", "art6-1-f",
                                               "art9-2-a", "art9-2-b", "art9-2-c", "art9-2-d", "art9-2-e", "art9-2-f",
                                               "art9-2-g", "art9-2-h", "art9-2-i", "art9-2-j", "art10", "tbd-art6",
                                               "tbd-art9", "tbd-art10"}));
    int needing_documentation = 0;
    for (const auto& tool : reg.transfer_tools())
        needing_documentation += tool.requires_safeguards_documentation;
    EXPECT_EQ(reg.transfer_tools().size(), 16u);
    EXPECT_EQ(needing_documentation, 1);  // only Art. 49(1), second subparagraph
}
