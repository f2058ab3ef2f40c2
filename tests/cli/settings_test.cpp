// Issue: record a real organisation's register as it is. The register's settings (the language
// texts are stored in when none is named; the review interval), what is due for review, and an
// export of the approved record only.

#include <ctime>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::contains;
using ropa::test::run_ropa;
using ropa::test::TempDir;

namespace {


std::string today_plus_months(int months) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    utc.tm_mon += months;
    const int wanted_month = (utc.tm_mon % 12 + 12) % 12;
    std::tm normalised = utc;
    timegm(&normalised);
    if (normalised.tm_mon != wanted_month) {  // 31 January + 1 month: the last day of February
        utc.tm_mday = 1;
        utc.tm_mon += 1;
        timegm(&utc);
        utc.tm_mday -= 1;
        timegm(&utc);
    } else {
        utc = normalised;
    }
    char buffer[11];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

}  // namespace

TEST(Settings, TheDefaultLanguageIsWhereTextsGoWithoutLang) {
    TempDir dir;
    auto ropa = [&](const std::vector<std::string>& args) { return run_ropa(dir.path(), args, {"ROPA_ACTOR=dpo"}); };
    const auto init = ropa({"init", "--lang", "NL"});
    ASSERT_EQ(init.status, 0) << init.err;
    EXPECT_TRUE(contains(init.out, "default language   nl")) << init.out;
    ASSERT_EQ(ropa({"category", "add", "NAW", "--name", "Naam en adres", "-m", "c"}).status, 0);
    const auto shown = nlohmann::json::parse(ropa({"category", "show", "NAW", "--json"}).out);
    EXPECT_EQ(shown["fields"]["name"]["nl"]["value"], "Naam en adres");
    EXPECT_FALSE(shown["fields"]["name"].contains("en"));
    // --lang still names another language, and a later setting changes where new texts go.
    ASSERT_EQ(ropa({"category", "edit", "NAW", "--name", "Name and address", "--lang", "en", "-m", "c"}).status, 0);
    ASSERT_EQ(ropa({"settings", "--lang", "fr-be", "-m", "register kept in French"}).status, 0);
    ASSERT_EQ(ropa({"category", "edit", "NAW", "--name", "Nom et adresse", "-m", "c"}).status, 0);
    const auto edited = nlohmann::json::parse(ropa({"category", "show", "NAW", "--json"}).out);
    EXPECT_EQ(edited["fields"]["name"]["fr-BE"]["value"], "Nom et adresse");
    EXPECT_EQ(edited["fields"]["name"].size(), 3u);
    // Lists show names in the default language first.
    EXPECT_TRUE(contains(ropa({"category", "list"}).out, "Nom et adresse"));
    // A setting is a change like any other; the same value again records nothing; bad values
    // are refused naming the option, the file untouched.
    const auto log = ropa({"log"}).out;
    EXPECT_TRUE(contains(log, "setting: default_language changed")) << log;
    // Months are decimal whatever their leading zeros (a generic integer option read 024 as 20).
    ASSERT_EQ(ropa({"settings", "--review-months", "024", "-m", "two years"}).status, 0);
    EXPECT_TRUE(contains(ropa({"settings"}).out, "review interval    24 months"));
    const auto before = read_file(dir / "ropa.db");
    EXPECT_TRUE(contains(ropa({"settings", "--lang", "fr-BE", "-m", "again"}).out, "nothing changed"));
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"settings", "--lang", "nederlands", "-m", "x"},
          {"settings", "--review-months", "0", "-m", "x"},
          {"settings", "--review-months", "121", "-m", "x"},
          {"settings", "--lang", "nl"},
          {"init", "--lang", "de"}}) {
        const auto refused = ropa(bad);
        EXPECT_NE(refused.status, 0) << bad[1];
        EXPECT_TRUE(read_file(dir / "ropa.db") == before) << bad[1];
    }
    EXPECT_EQ(ropa({"verify"}).status, 0);
}

TEST(Settings, TheReviewIntervalSetsTheNextReviewAndListDueShowsWhatToReview) {
    TempDir dir;
    auto ropa = [&](const std::vector<std::string>& args) { return run_ropa(dir.path(), args, {"ROPA_ACTOR=dpo"}); };
    ASSERT_EQ(ropa({"init", "--review-months", "24"}).status, 0);
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"purpose", "add", "P", "--name", "Payroll", "--category", "C", "--basis", "art6-1-b", "-m", "x"},
             {"subject", "add", "S", "--name", "Staff", "-m", "x"},
             {"activity", "add", "A", "--name", "Payroll", "--purpose", "P", "--category", "C", "--basis",
              "art6-1-b", "--subject", "S", "-m", "x"},
             {"activity", "add", "B", "--name", "Badges", "--purpose", "P", "--category", "C", "--basis", "art6-1-b",
              "--subject", "S", "-m", "x"},
             {"activity", "add", "D", "--name", "Draft", "-m", "x"}}) {
        if (args[0] == "purpose") {
            ASSERT_EQ(ropa({"category", "add", "C", "--name", "Contact", "-m", "x"}).status, 0);
        }
        const auto result = ropa(args);
        ASSERT_EQ(result.status, 0) << result.err;
    }
    const auto approved = ropa({"activity", "approve", "A", "-m", "complete"});
    ASSERT_EQ(approved.status, 0) << approved.err;
    EXPECT_TRUE(contains(approved.out, "next review " + today_plus_months(24))) << approved.out;
    ASSERT_EQ(ropa({"activity", "approve", "B", "-m", "complete", "--review-date", today_plus_months(1)}).status, 0);
    // Nothing is due today; by next month B is (the draft never is: it was not approved).
    EXPECT_TRUE(contains(ropa({"activity", "list", "--due"}).out, "no activity records due for review by"));
    const auto due = ropa({"activity", "list", "--due-by", today_plus_months(1)});
    EXPECT_EQ(due.status, 0);
    EXPECT_TRUE(contains(due.out, "REVIEW BY")) << due.out;
    EXPECT_TRUE(contains(due.out, "\nB     " + today_plus_months(1) + "  Badges\n")) << due.out;
    EXPECT_FALSE(contains(due.out, "A  ")) << due.out;
    EXPECT_FALSE(contains(due.out, "D  ")) << due.out;
    EXPECT_EQ(ropa({"activity", "list", "--due-by", "2026-02-30"}).status, 3);

    // The approved record alone: the draft is left out, and every format says so.
    for (const char* format : {"md", "csv", "html"}) {
        const auto out = ropa({"export", "-f", format, "--approved-only"}).out;
        EXPECT_TRUE(contains(out, "approved (active) activities only")) << format;
        EXPECT_TRUE(contains(out, "Badges")) << format;
        EXPECT_FALSE(contains(out, "Draft")) << format;
        EXPECT_TRUE(contains(ropa({"export", "-f", format}).out, "Draft")) << format;
    }
    const auto json = nlohmann::json::parse(ropa({"export", "--approved-only"}).out);
    EXPECT_EQ(json["activities_shown"], "approved");
    EXPECT_EQ(json["activities"].size(), 2u);
}

// `ropa settings --require`: the fields beyond Art. 30 the register requires, typed as a DPO
// types them (spaces after commas, capitals, the option given twice); a name left out, none
// given with fields, or a name ropa does not know is refused with its exit status and leaves
// the register as it was; check then names what is missing and how to record it.
TEST(Settings, TheFieldsARegisterRequiresAreTypedFreelyAndRefusedClearly) {
    TempDir dir;
    auto ropa = [&](const std::vector<std::string>& args) { return run_ropa(dir.path(), args, {"ROPA_ACTOR=dpo"}); };
    ASSERT_EQ(ropa({"init"}).status, 0);
    ASSERT_EQ(ropa({"activity", "add", "A1", "--name", "Payroll", "-m", "a"}).status, 0);
    auto set = ropa({"settings", "--require", "Data_Source, systems", "--require", "data_location", "-m", "ICO"});
    ASSERT_EQ(set.status, 0) << set.err;
    EXPECT_TRUE(contains(set.out, "required fields    data_source, systems, data_location")) << set.out;
    const auto db = dir.path() / "ropa.db";
    const auto before = read_file(db);
    for (const auto& [value, status] : std::vector<std::pair<std::string, int>>{
             {"", 2}, {" ", 2}, {"none,systems", 2}, {"colour", 3}, {"systems,systems", 3}}) {
        const auto refused = ropa({"settings", "--require", value, "-m", "try"});
        EXPECT_EQ(refused.status, status) << "--require \"" << value << "\": " << refused.err;
        EXPECT_TRUE(contains(refused.err, "require")) << refused.err;
        EXPECT_EQ(read_file(db), before) << "--require \"" << value << "\" changed the register";
    }
    const auto check = ropa({"check"});
    EXPECT_TRUE(contains(check.out, "required by this register: 0 of 3 fields recorded (0%)")) << check.out;
    EXPECT_TRUE(contains(check.out, "data_source is --data-source")) << check.out;
    ASSERT_EQ(ropa({"activity", "edit", "A1", "--data-source", "the employees themselves", "-m", "e"}).status, 0);
    EXPECT_TRUE(contains(ropa({"check"}).out, "required by this register: 1 of 3 fields recorded (33%)"));
    const auto cleared = ropa({"settings", "--require", "NONE", "-m", "no longer"});
    ASSERT_EQ(cleared.status, 0) << cleared.err;
    EXPECT_TRUE(contains(cleared.out, "required fields    none")) << cleared.out;
    EXPECT_FALSE(contains(ropa({"check"}).out, "required by this register"));
}
