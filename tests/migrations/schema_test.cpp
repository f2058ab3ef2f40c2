// schema/schema.sql is the current schema; migrations are forward-only and upgrade old files.

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "ropa/register.hpp"
#include "storage/embedded_resources.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::TempDir;

namespace {

// SQLite stores each CREATE statement as written; compare them without comments and with
// white space folded, so layout may differ but every column, constraint and index must not.
std::string normalise(std::string sql) {
    sql = std::regex_replace(sql, std::regex("--[^\n]*"), "");
    sql = std::regex_replace(sql, std::regex("\\s+"), " ");
    sql = std::regex_replace(sql, std::regex(" ?([(),]) ?"), "$1");
    while (!sql.empty() && (sql.back() == ' ' || sql.back() == ';'))
        sql.pop_back();
    if (!sql.empty() && sql.front() == ' ')
        sql.erase(0, 1);
    return sql;
}

std::map<std::string, std::string> schema_of(SQLite::Database& db) {
    std::map<std::string, std::string> objects;
    SQLite::Statement query(db,
        "SELECT type || ' ' || name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (query.executeStep())
        objects[query.getColumn(0).getString()] = normalise(query.getColumn(1).getString());
    return objects;
}

}  // namespace

TEST(Schema, MigratingAnEmptyFileGivesExactlySchemaSql) {
    TempDir dir;
    Register::create(dir / "migrated.db");
    SQLite::Database migrated(dir / "migrated.db", SQLite::OPEN_READONLY);

    SQLite::Database reference(":memory:", SQLite::OPEN_READWRITE);
    reference.exec(ropa::test::read_file(std::filesystem::path(ROPA_SOURCE_DIR) / "schema/schema.sql"));

    const auto expected = schema_of(reference);
    const auto actual = schema_of(migrated);
    ASSERT_FALSE(expected.empty());
    for (const auto& [name, sql] : expected) {
        auto found = actual.find(name);
        ASSERT_NE(found, actual.end()) << name << " is in schema.sql but not made by the migrations";
        EXPECT_EQ(found->second, sql) << name << " differs";
    }
    for (const auto& [name, sql] : actual)
        EXPECT_TRUE(expected.count(name)) << name << " is made by the migrations but missing from schema.sql";
}

TEST(Schema, MigrationsAreNumberedWithoutGapsAndNamedForWhatTheyDo) {
    const auto& migrations = detail::embedded_migrations();
    ASSERT_FALSE(migrations.empty());
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].level, static_cast<int>(i + 1));
        EXPECT_TRUE(std::regex_match(std::string(migrations[i].file_name), std::regex("[0-9]{4}_[a-z0-9_]+\\.sql")));
    }
    EXPECT_EQ(migrations.back().level, Register::program_schema_level());
}

// tests/fixtures/level1.ropa was made by schema level 1 (see tests/fixtures/README.md): the
// structure without the legal catalogue, holding one purpose of its own.
TEST(Schema, UpgradesALevel1FixtureKeepingItsData) {
    TempDir dir;
    const auto path = dir / "old.ropa";
    std::filesystem::copy_file(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/fixtures/level1.ropa", path);
    const auto before = ropa::test::read_file(path);

    try {
        Register::open(path);
        FAIL() << "an older register must not be opened without upgrading";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::schema_too_old);
        EXPECT_NE(std::string(e.what()).find("ropa migrate"), std::string::npos);
    }
    EXPECT_EQ(ropa::test::read_file(path), before) << "refusing must not touch the file";

    {
        auto reg = Register::open(path, {.allow_older = true});
        EXPECT_EQ(reg.schema_level(), 1);
        std::vector<int> levels;
        for (int level = 2; level <= Register::program_schema_level(); ++level)
            levels.push_back(level);
        EXPECT_EQ(reg.migrate(), levels);
        EXPECT_TRUE(reg.migrate().empty()) << "migrating a current register changes nothing";
    }
    auto reg = Register::open(path);
    EXPECT_EQ(reg.schema_level(), Register::program_schema_level());
    EXPECT_EQ(reg.legal_bases().size(), 20u);  // Art. 6(1), 9(2), 10 and the three "to be determined"
    const auto purposes = reg.purposes();
    ASSERT_EQ(purposes.size(), 1u);
    EXPECT_EQ(purposes[0].code, "HR-01");
    EXPECT_EQ(pick_value(purposes[0].name, "nl"), "Personeelsadministratie");
    // history begins at the upgrade, with what the file held; each later level that wrote rows
    // is a change of its own (level 6 added the "to be determined" bases); and it verifies
    const auto log = reg.log();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1].actor, "ropa");
    EXPECT_EQ(log[1].reason, "history begins: the register as it was at schema level 3");
    EXPECT_EQ(log[0].reason, "schema level 6: 0006_recording_real_registers.sql");
    EXPECT_TRUE(reg.verify().ok());
}

TEST(Schema, OpenWithUpgradeMigratesInOneCall) {
    TempDir dir;
    const auto path = dir / "old.ropa";
    std::filesystem::copy_file(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/fixtures/level1.ropa", path);
    auto reg = Register::open(path, {.upgrade = true});
    EXPECT_EQ(reg.schema_level(), Register::program_schema_level());
}
