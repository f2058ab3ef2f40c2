// The ropa program as a user runs it: exit statuses, messages, golden output.

#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include "ropa/register.hpp"
#include "ropa/version.hpp"
#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::contains;
using ropa::test::run_ropa;
using ropa::test::TempDir;

TEST(Cli, VersionAndHelp) {
    TempDir dir;
    auto version = run_ropa(dir.path(), {"--version"});
    EXPECT_EQ(version.status, 0);
    EXPECT_TRUE(contains(version.out, "ropa " ROPA_VERSION)) << version.out;
    EXPECT_STREQ(ropa::version(), ROPA_VERSION);  // the library's own, at run time
    auto help = run_ropa(dir.path(), {"--help"});
    EXPECT_EQ(help.status, 0);
    for (const char* command : {"init", "migrate", "info", "seed", "matrix"})
        EXPECT_TRUE(contains(help.out, command)) << command;
    // Every entity is listed, though only the one a command line names is built in full.
    for (const auto& entity : ropa::entities())
        EXPECT_TRUE(contains(help.out, "\n  " + entity.name + " ")) << entity.name;
    // Its subcommands are there whatever global options come before it.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"activity", "--help"}, {"--db", "x.db", "--at", "3", "-v", "activity", "--help"},
          {"--actor", "activity", "activity", "--help"}}) {
        const auto entity_help = run_ropa(dir.path(), args);
        EXPECT_EQ(entity_help.status, 0) << args.size();
        for (const char* sub : {"add", "list", "show", "edit", "rm"})
            EXPECT_TRUE(contains(entity_help.out, std::string("\n  ") + sub + " ")) << sub << " " << args.size();
    }
}

TEST(Cli, UsageErrorsExitWith2) {
    TempDir dir;
    EXPECT_EQ(run_ropa(dir.path(), {}).status, 2);
    EXPECT_EQ(run_ropa(dir.path(), {"no-such-command"}).status, 2);
    EXPECT_EQ(run_ropa(dir.path(), {"matrix", "--width", "5"}).status, 2);
    EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db"));
}

TEST(Cli, InitSeedsOnceAndSecondRunChangesNothing) {
    TempDir dir;
    auto first = run_ropa(dir.path(), {"init", "--seed", "ccb-annex"});
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_TRUE(contains(first.out, "created ropa.db"));
    EXPECT_TRUE(contains(first.out, "63 purposes, 4 data categories, 111 allowed purpose-category links"));
    struct stat info {};
    ASSERT_EQ(::stat((dir / "ropa.db").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    auto second = run_ropa(dir.path(), {"init", "--seed", "ccb-annex"});
    EXPECT_EQ(second.status, 0) << second.err;
    EXPECT_TRUE(contains(second.out, "already a ropa register"));
    EXPECT_TRUE(contains(second.out, "already applied; nothing changed"));

    auto json = run_ropa(dir.path(), {"info", "--json"});
    ASSERT_EQ(json.status, 0) << json.err;
    auto parsed = nlohmann::json::parse(json.out);
    EXPECT_EQ(parsed["tables"]["purpose"], 63);
    EXPECT_EQ(parsed["tables"]["purpose_data_category"], 111);
    EXPECT_EQ(parsed["schema_level"], ropa::Register::program_schema_level());
    EXPECT_EQ(parsed["seeds_applied"], nlohmann::json::array({"ccb-annex"}));
}

TEST(Cli, DbOptionAndEnvironmentNameTheFile) {
    TempDir dir;
    EXPECT_EQ(run_ropa(dir.path(), {"--db", "a.db", "init"}).status, 0);
    EXPECT_TRUE(std::filesystem::exists(dir / "a.db"));
    EXPECT_EQ(run_ropa(dir.path(), {"init"}, {"ROPA_DB=b.db"}).status, 0);
    EXPECT_TRUE(std::filesystem::exists(dir / "b.db"));
    EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db"));
}

TEST(Cli, UnknownSeedIsRefusedBeforeAnyFileIsMade) {
    TempDir dir;
    auto result = run_ropa(dir.path(), {"init", "--seed", "nope"});
    EXPECT_EQ(result.status, 5);
    EXPECT_TRUE(contains(result.err, "no seed named \"nope\"")) << result.err;
    EXPECT_TRUE(contains(result.err, "ccb-annex"));
    EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db"));
}

TEST(Cli, ForeignFilesAreRefusedAndLeftAlone) {
    TempDir dir;
    ropa::test::write_file(dir / "notes.db", "not a register at all, just some notes\n");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--db", "notes.db", "info"}, {"--db", "notes.db", "matrix"}, {"--db", "notes.db", "migrate"},
             {"--db", "notes.db", "init", "--seed", "ccb-annex"}}) {
        auto result = run_ropa(dir.path(), args);
        EXPECT_EQ(result.status, 7) << args.back();
        EXPECT_TRUE(contains(result.err, "is not a ropa register")) << result.err;
    }
    EXPECT_EQ(read_file(dir / "notes.db"), "not a register at all, just some notes\n");
}

TEST(Cli, MissingRegisterIsNotFoundAndNotCreated) {
    TempDir dir;
    auto result = run_ropa(dir.path(), {"matrix"});
    EXPECT_EQ(result.status, 5);
    EXPECT_TRUE(contains(result.err, "ropa init"));
    EXPECT_FALSE(std::filesystem::exists(dir / "ropa.db"));
}

TEST(Cli, OlderRegisterAsksForMigrateThenMigrates) {
    TempDir dir;
    std::filesystem::copy_file(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/fixtures/level1.ropa", dir / "ropa.db");
    auto refused = run_ropa(dir.path(), {"matrix"});
    EXPECT_EQ(refused.status, 9);
    EXPECT_TRUE(contains(refused.err, "ropa migrate"));
    auto info = run_ropa(dir.path(), {"info"});
    EXPECT_EQ(info.status, 0);
    EXPECT_TRUE(contains(info.out, "run `ropa migrate`"));
    auto migrated = run_ropa(dir.path(), {"migrate"});
    EXPECT_EQ(migrated.status, 0) << migrated.err;
    EXPECT_TRUE(contains(migrated.out, "migrated ropa.db to schema level " + std::to_string(ropa::Register::program_schema_level())));
    EXPECT_EQ(run_ropa(dir.path(), {"matrix"}).status, 0);
    EXPECT_TRUE(contains(run_ropa(dir.path(), {"migrate"}).out, "already at schema level"));
}

TEST(Cli, SeedListNamesTheAnnex) {
    TempDir dir;
    auto result = run_ropa(dir.path(), {"seed", "list"});
    EXPECT_EQ(result.status, 0);
    EXPECT_TRUE(contains(result.out, "ccb-annex"));
    EXPECT_TRUE(contains(result.out, "sha256 "));
}

// Golden files (ledger's test/baseline style): the matrix as a user sees it at 80 columns.
class MatrixGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(MatrixGolden, MatchesTheReviewedOutput) {
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    const std::string lang = GetParam();
    auto result = run_ropa(dir.path(), {"--read-only", "matrix", "--lang", lang, "--width", "80"});
    ASSERT_EQ(result.status, 0) << result.err;
    const auto golden = std::filesystem::path(ROPA_SOURCE_DIR) / ("tests/cli/golden/matrix_" + lang + "_80.txt");
    if (std::getenv("ROPA_UPDATE_GOLDEN"))
        ropa::test::write_file(golden, result.out);
    EXPECT_EQ(result.out, read_file(golden)) << "to review a deliberate change: ROPA_UPDATE_GOLDEN=1 ctest, then git diff";
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        std::size_t width = 0;
        for (char c : line)
            width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        EXPECT_LE(width, 80u) << line;
    }
}

INSTANTIATE_TEST_SUITE_P(Languages, MatrixGolden, ::testing::Values("nl", "fr", "en"));

TEST(Cli, MatrixSaysWhenTextsAreUnofficialTranslations) {
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    EXPECT_TRUE(contains(run_ropa(dir.path(), {"matrix", "--lang", "en"}).out, "unofficial translations"));
    EXPECT_FALSE(contains(run_ropa(dir.path(), {"matrix", "--lang", "nl"}).out, "unofficial translations"));
}

// --at through the command line for matrix and check: the past version's table and findings,
// not today's.
TEST(Cli, MatrixAndCheckReadAPastVersionWithAt) {
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init", "--seed", "ccb-annex"}).status, 0);
    ASSERT_EQ(run_ropa(dir.path(), {"--actor", "dpo", "tag", "as-seeded", "-m", "before the DPO"}).status, 0);
    const auto matrix_then = run_ropa(dir.path(), {"matrix", "--lang", "en"}).out;
    ASSERT_EQ(run_ropa(dir.path(), {"--actor", "dpo", "controller", "edit", "--dpo-name", "Jan Peeters", "--dpo-email",
                                    "dpo@example.be", "-m", "DPO designated"})
                  .status,
              0);
    ASSERT_EQ(run_ropa(dir.path(), {"--actor", "dpo", "unlink", "purpose-category", "P58", "sanctions", "-m", "no"})
                  .status,
              0);
    // today: the DPO is named (no error) and P58 lost a category
    EXPECT_EQ(run_ropa(dir.path(), {"check"}).status, 0);
    EXPECT_NE(run_ropa(dir.path(), {"matrix", "--lang", "en"}).out, matrix_then);
    // as seeded: the annex names no DPO (exit 1), and the table is the one printed then
    const auto check_then = run_ropa(dir.path(), {"--at", "as-seeded", "check"});
    EXPECT_EQ(check_then.status, 1);
    EXPECT_TRUE(contains(check_then.out, "Art. 30(1)(a)"));
    EXPECT_EQ(run_ropa(dir.path(), {"--at", "as-seeded", "matrix", "--lang", "en"}).out, matrix_then);
}

// The matrix stated a group's legal bases from its first purpose: under "(no group)" a DPO
// read the bases of one purpose as those of all. Where the purposes of a group differ, each
// purpose now has its own line of bases.
TEST(Cli, MatrixNeverStatesOnePurposesBasesForAGroup) {
    TempDir dir;
    ASSERT_EQ(run_ropa(dir.path(), {"init"}).status, 0);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"purpose", "add", "PA", "--name", "Archive", "--basis", "art6-1-e", "-m", "t"},
          {"purpose", "add", "PB", "--name", "Passports", "--basis", "art6-1-c", "-m", "t"},
          {"category", "add", "ID", "--name", "Identity", "-m", "t"},
          {"link", "purpose-category", "PA", "ID", "-m", "t"}})
        ASSERT_EQ(run_ropa(dir.path(), args, {"ROPA_ACTOR=t"}).status, 0) << args[1];
    const auto matrix = run_ropa(dir.path(), {"matrix", "--width", "100"});
    ASSERT_EQ(matrix.status, 0) << matrix.err;
    EXPECT_TRUE(contains(matrix.out, "== (no group)\n")) << matrix.out;
    EXPECT_TRUE(contains(matrix.out, "legal bases: Art. 6(1)(e) GDPR")) << matrix.out;
    EXPECT_TRUE(contains(matrix.out, "legal bases: Art. 6(1)(c) GDPR")) << matrix.out;
}

// Issue: the record an auditor can rely on. A value reads the same wherever it is shown: the
// diff, `show` and the exports once said "true" in one place and "yes" in another.
TEST(Cli, AValueReadsTheSameInShowDiffAndExport) {
    TempDir dir;
    auto ropa = [&](const std::vector<std::string>& args) { return run_ropa(dir.path(), args, {"ROPA_ACTOR=dpo"}); };
    ASSERT_EQ(ropa({"init"}).status, 0);
    ASSERT_EQ(ropa({"category", "add", "HEALTH", "--name", "Health", "-m", "c"}).status, 0);
    ASSERT_EQ(ropa({"category", "edit", "HEALTH", "--is-special", "true", "-m", "special"}).status, 0);
    const auto diff = ropa({"diff", "2"});
    EXPECT_TRUE(contains(diff.out, "is_special: no -> yes")) << diff.out;
    EXPECT_TRUE(contains(ropa({"category", "show", "HEALTH"}).out, "yes"));
    EXPECT_FALSE(contains(diff.out, "true"));
}

// Issue: the auditor's record, language. Asked for a language the register holds no text in,
// export says so, and each text shown in another language carries its tag.
TEST(Cli, AnExportInALanguageTheRegisterLacksSaysSo) {
    TempDir dir;
    auto ropa = [&](const std::vector<std::string>& args) { return run_ropa(dir.path(), args, {"ROPA_ACTOR=dpo"}); };
    ASSERT_EQ(ropa({"init"}).status, 0);
    ASSERT_EQ(ropa({"category", "add", "HEALTH", "--name", "Health", "-m", "c"}).status, 0);
    const auto german = ropa({"export", "-f", "md", "--lang", "de"});
    EXPECT_EQ(german.status, 0);
    EXPECT_TRUE(contains(german.err, "holds no text in de")) << german.err;
    const auto english = ropa({"export", "-f", "md", "--lang", "en"});
    EXPECT_FALSE(contains(english.err, "holds no text")) << english.err;
    EXPECT_FALSE(contains(ropa({"export", "-f", "json", "--lang", "de"}).err, "holds no text"));  // json has every language
}
