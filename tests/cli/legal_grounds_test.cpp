// Issue: record a real organisation's register as it is. A basis with the national law and
// provisions that lay it down, entered in the command that links it and edited in place; a
// ground not yet known recorded as "to be determined" on a draft, listed by check, and refused
// on approval. Through the program, as a DPO types it.

#include <regex>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::contains;
using ropa::test::run_ropa;
using ropa::test::TempDir;

namespace {


class LegalGrounds : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(ropa({"init"}).status, 0);
        for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
                 {"source", "add", "paspw-7", "--title", "Paspoortwet", "--article", "art. 7(3)", "--jurisdiction",
                  "NL", "--lang", "nl", "-m", "wet"},
                 {"source", "add", "paspw-26", "--title", "Paspoortwet", "--article", "art. 26(1)(d)",
                  "--jurisdiction", "NL", "--lang", "nl", "-m", "wet"},
                 {"category", "add", "BIO", "--name", "Biometrische gegevens", "--is-special", "true", "--lang", "nl",
                  "-m", "c"},
                 {"category", "add", "NAW", "--name", "Identificatiegegevens", "--lang", "nl", "-m", "c"},
                 {"subject", "add", "AANVR", "--name", "Aanvragers", "--lang", "nl", "-m", "s"},
                 // the purpose allows two bases, one citing both provisions, in one command
                 {"purpose", "add", "REIS", "--name", "Uitgifte van reisdocumenten", "--lang", "nl", "--category",
                  "BIO", "--category", "NAW", "--basis", "art6-1-e:paspw-7,paspw-26", "--basis", "art9-2-g:paspw-26",
                  "-m", "p"}}) {
            const auto result = ropa(args);
            ASSERT_EQ(result.status, 0) << args[0] << " " << args[2] << ": " << result.err;
        }
    }

    ropa::test::RunResult ropa(const std::vector<std::string>& args) {
        return run_ropa(dir_.path(), args, {"ROPA_ACTOR=dpo"});
    }
    std::string bytes() { return read_file(dir_ / "ropa.db"); }

    TempDir dir_;
};

}  // namespace

TEST_F(LegalGrounds, ABasisCitesSeveralProvisionsAndEveryFormatShowsThem) {
    const auto purpose = nlohmann::json::parse(ropa({"purpose", "show", "REIS", "--json"}).out);
    const auto& bases = purpose["links"]["purpose-basis"];
    ASSERT_EQ(bases.size(), 2u);
    EXPECT_EQ(bases[0]["legal_sources"], nlohmann::json({"paspw-7", "paspw-26"}));
    EXPECT_EQ(bases[1]["legal_sources"], nlohmann::json({"paspw-26"}));
    // The annex view names them too, as the exports do.
    const auto matrix = ropa({"matrix", "--width", "300"}).out;
    EXPECT_TRUE(contains(matrix, "Art. 6(1)(e) GDPR: Paspoortwet art. 7(3); Paspoortwet art. 26(1)(d); "
                                 "Art. 9(2)(g) GDPR: Paspoortwet art. 26(1)(d)"))
        << matrix;
    // An activity that names the basis without sources inherits its purpose's citations in the
    // readable exports; its own, once given, replace them.
    ASSERT_EQ(ropa({"activity", "add", "PAS", "--name", "Paspoortaanvragen", "--lang", "nl", "--purpose", "REIS",
                    "--category", "NAW", "--subject", "AANVR", "--basis", "art6-1-e", "-m", "a"})
                  .status,
              0);
    for (const char* format : {"md", "html", "csv"}) {
        // the HTML marks each Dutch text with its language (the form is in the register's, English)
        const auto out = std::regex_replace(ropa({"export", "-f", format}).out,
                                            std::regex(R"(<span lang="nl">|</span>)"), "");
        EXPECT_TRUE(contains(out, "Art. 6(1)(e) GDPR: Paspoortwet art. 7(3); Paspoortwet art. 26(1)(d)")) << format;
    }
    ASSERT_EQ(ropa({"link", "activity-basis", "PAS", "art6-1-e", "--edit", "--legal-source", "paspw-26", "-m",
                    "only the provision that applies"})
                  .status,
              0);
    const auto md = ropa({"export", "-f", "md"}).out;
    EXPECT_TRUE(contains(md, "Art. 6(1)(e) GDPR: Paspoortwet art. 26(1)(d) |")) << md;
    // The JSON export carries the list and imports into an empty register as it was.
    const auto json = ropa({"export", "-f", "json"}).out;
    const auto doc = nlohmann::json::parse(json);
    EXPECT_EQ(doc["format_version"], 4);
    EXPECT_EQ(doc["activities"][0]["legal_bases"][0]["legal_sources"], nlohmann::json({"paspw-26"}));
    ropa::test::write_file(dir_ / "record.json", json);
    TempDir other;
    ASSERT_EQ(run_ropa(other.path(), {"init"}).status, 0);
    const auto imported = run_ropa(other.path(), {"import", (dir_ / "record.json").string(), "-m", "copy"},
                                   {"ROPA_ACTOR=dpo"});
    ASSERT_EQ(imported.status, 0) << imported.err;
    // the same record; only each entry's history (when it was recorded, in which change) differs
    const auto without_history = [](const std::string& text) {
        return std::regex_replace(text, std::regex(R"(\| History of this entry \|[^\n]*\n)"), "");
    };
    EXPECT_EQ(without_history(run_ropa(other.path(), {"export", "-f", "md"}).out.substr(300)),
              without_history(md.substr(300)));
}

TEST_F(LegalGrounds, EditingALinkChangesOnlyWhatDiffersAndRefusalsLeaveTheFileAlone) {
    ASSERT_EQ(ropa({"activity", "add", "PAS", "--name", "Paspoortaanvragen", "--lang", "nl", "--purpose", "REIS",
                    "--basis", "art6-1-e:paspw-7", "-m", "a"})
                  .status,
              0);
    const auto same = ropa({"link", "activity-basis", "PAS", "art6-1-e", "--edit", "--legal-source", "paspw-7", "-m",
                            "again"});
    EXPECT_EQ(same.status, 0);
    EXPECT_TRUE(contains(same.out, "already has these values; nothing changed")) << same.out;
    const auto before = bytes();
    struct Refusal {
        std::vector<std::string> args;
        int status;
        const char* says;
    };
    for (const auto& refusal : std::vector<Refusal>{
             {{"link", "activity-basis", "PAS", "art6-1-e", "--legal-source", "paspw-26", "-m", "x"}, 6, "--edit"},
             {{"link", "activity-basis", "PAS", "art6-1-a", "--edit", "--legal-source", "paspw-26", "-m", "x"}, 5,
              "not linked"},
             {{"link", "activity-basis", "PAS", "art6-1-e", "--edit", "--legal-source", "nope", "-m", "x"}, 5, "nope"},
             {{"link", "activity-basis", "PAS", "art6-1-e", "--edit", "--legal-source", "paspw-7,paspw-7", "-m", "x"},
              3, "twice"},
             {{"link", "activity-category", "PAS", "NAW", "--legal-source", "paspw-7", "-m", "x"}, 3,
              "does not apply"},
             {{"activity", "add", "PAS2", "--name", "x", "--purpose", "NAW:paspw-7", "-m", "x"}, 3, "cites nothing"},
             {{"link", "activity-basis", "PAS", "art6-1-e", "--clear", "legal-sources", "-m", "x"}, 3, "--edit"},
             {{"source", "rm", "paspw-7", "-m", "x"}, 4, "PAS"},
         }) {
        const auto result = ropa(refusal.args);
        EXPECT_EQ(result.status, refusal.status) << refusal.args[0] << " " << refusal.args[1] << ": " << result.err;
        EXPECT_TRUE(contains(result.err, refusal.says)) << result.err;
        EXPECT_TRUE(bytes() == before) << refusal.args[0] << " " << refusal.args[1];
    }
    ASSERT_EQ(ropa({"link", "activity-basis", "PAS", "art6-1-e", "--edit", "--clear", "legal-sources", "-m", "x"})
                  .status,
              0);
    EXPECT_EQ(ropa({"source", "rm", "paspw-7", "-m", "no longer cited by an activity"}).status, 4)
        << "the purpose still cites it";
    // a field to clear is named as its option spells it, or as the library does
    ASSERT_EQ(ropa({"activity", "edit", "PAS", "--start-date", "2024-01-01", "-m", "x"}).status, 0);
    EXPECT_EQ(ropa({"activity", "edit", "PAS", "--clear", "start-date", "-m", "x"}).status, 0);
    ASSERT_EQ(ropa({"activity", "edit", "PAS", "--start-date", "2024-01-01", "-m", "x"}).status, 0);
    EXPECT_EQ(ropa({"activity", "edit", "PAS", "--clear", "start_date", "-m", "x"}).status, 0);
    EXPECT_FALSE(contains(ropa({"activity", "show", "PAS"}).out, "2024-01-01"));
    EXPECT_EQ(ropa({"verify"}).status, 0);
}

TEST_F(LegalGrounds, DiffShowsACitationChangeAndRevertIsNotBlockedByADraftsGap) {
    ASSERT_EQ(ropa({"activity", "add", "PAS", "--name", "Paspoortaanvragen", "--lang", "nl", "--purpose", "REIS",
                    "--category", "BIO", "--subject", "AANVR", "--basis", "art6-1-e:paspw-7", "--basis", "tbd-art9",
                    "-m", "draft as published"})
                  .status,
              0);
    const auto log_before = nlohmann::json::parse(ropa({"log", "--json"}).out);
    const std::int64_t before = log_before[0]["id"];
    ASSERT_EQ(ropa({"link", "activity-basis", "PAS", "art6-1-e", "--edit", "--legal-source", "paspw-7,paspw-26", "-m",
                    "second provision"})
                  .status,
              0);
    const auto diff = ropa({"diff", std::to_string(before)}).out;
    EXPECT_TRUE(contains(diff, "legal_sources: paspw-7 -> paspw-7, paspw-26")) << diff;
    // The citation kept is left alone: the change adds one, it does not rewrite both.
    const auto last = nlohmann::json::parse(ropa({"log", "--json"}).out)[0];
    EXPECT_EQ(last["summary"], "activity-basis legal_sources: PAS -> art6-1-e: paspw-26 added") << last.dump();
    // The activity's own history holds its citations and its retention rows too.
    ASSERT_EQ(ropa({"retention", "add", "--activity", "PAS", "--duration-value", "11", "--duration-unit", "year", "-m",
                    "bewaartermijn"})
                  .status,
              0);
    const auto history = ropa({"log", "--entity", "activity:PAS"}).out;
    EXPECT_TRUE(contains(history, "second provision")) << history;
    EXPECT_TRUE(contains(history, "bewaartermijn")) << history;
    // Undoing an unrelated change works while a draft still waits for its Art. 9(2) condition:
    // drafts may break the rules, for a revert as for any write.
    ASSERT_EQ(ropa({"subject", "edit", "AANVR", "--name", "Aanvragers in het buitenland", "--lang", "nl", "-m", "x"})
                  .status,
              0);
    const std::int64_t edit = nlohmann::json::parse(ropa({"log", "--json"}).out)[0]["id"];
    const auto reverted = ropa({"revert", std::to_string(edit), "-m", "undo"});
    EXPECT_EQ(reverted.status, 0) << reverted.err;
}

TEST_F(LegalGrounds, AGroundToBeDeterminedIsRecordedListedAndBlocksApproval) {
    // The published register names no Art. 9(2) condition for this processing: a draft records
    // it so, check lists it with its article, and approval is refused until it is determined.
    const auto added = ropa({"activity", "add", "PAS", "--name", "Paspoortaanvragen", "--lang", "nl", "--purpose",
                             "REIS", "--category", "BIO", "--subject", "AANVR", "--basis", "art6-1-e", "--basis",
                             "tbd-art9", "-m", "as published"});
    ASSERT_EQ(added.status, 0) << added.err;
    const auto check = ropa({"check", "--json"});  // JSON: the terminal's line breaks do not split a message
    EXPECT_EQ(check.status, 1);
    EXPECT_TRUE(contains(check.out, "activity PAS: its Art. 9(2) condition for special categories of data is still "
                                    "to be determined (tbd-art9)"))
        << check.out;
    const auto before = bytes();
    const auto approve = ropa({"activity", "approve", "PAS", "-m", "looks fine"});
    EXPECT_EQ(approve.status, 4);
    EXPECT_TRUE(contains(approve.err, "(special categories, Art. 9(2))")) << approve.err;
    EXPECT_TRUE(bytes() == before);
    // An activity with only the placeholder of Art. 6(1) is listed too, and so is one whose only
    // bases are conditions of Art. 9(2): neither is a lawful basis.
    ASSERT_EQ(ropa({"activity", "add", "OPEN", "--name", "x", "--purpose", "REIS", "--category", "NAW", "--subject",
                    "AANVR", "--basis", "tbd-art6", "-m", "x"})
                  .status,
              0);
    ASSERT_EQ(ropa({"activity", "add", "ONLY9", "--name", "x", "--purpose", "REIS", "--category", "BIO", "--subject",
                    "AANVR", "--basis", "art9-2-g", "-m", "x"})
                  .status,
              0);
    const auto listed = ropa({"check", "--json"}).out;
    EXPECT_TRUE(contains(listed, "its legal basis (Art. 6(1)) is still to be determined (tbd-art6)")) << listed;
    EXPECT_TRUE(contains(listed, "no Art. 6(1) basis")) << listed;
    // Determined: the placeholder replaced by the condition the law gives, approval goes through.
    ASSERT_EQ(ropa({"unlink", "activity-basis", "PAS", "tbd-art9", "-m", "determined"}).status, 0);
    ASSERT_EQ(ropa({"link", "activity-basis", "PAS", "art9-2-g", "--legal-source", "paspw-26", "-m", "determined"})
                  .status,
              0);
    const auto approved = ropa({"activity", "approve", "PAS", "-m", "grounds complete"});
    EXPECT_EQ(approved.status, 0) << approved.err;
    // An approved activity cannot fall back on a placeholder.
    const auto after = bytes();
    const auto back = ropa({"link", "activity-basis", "PAS", "tbd-art6", "-m", "x"});
    EXPECT_EQ(back.status, 4) << back.err;
    EXPECT_TRUE(bytes() == after);
    // The placeholders are not law: the exported catalogue leaves them out, the activity names it.
    const auto md = ropa({"export", "-f", "md"}).out;
    EXPECT_FALSE(contains(md, "| legal basis | tbd-art6 |")) << md;
    EXPECT_TRUE(contains(md, "Art. 6(1) GDPR, to be determined")) << md;
}

// From the DPO's trial: an activity with no purpose, data, data subjects or basis was approved
// while check listed four errors; the record's required items are rules an approval meets.
TEST_F(LegalGrounds, ApprovalNeedsTheItemsWithoutWhichThereIsNoRecord) {
    ASSERT_EQ(ropa({"activity", "add", "LEEG", "--name", "Lege activiteit", "--lang", "nl", "-m", "x"}).status, 0);
    const auto before = bytes();
    const auto refused = ropa({"activity", "approve", "LEEG", "-m", "x"});
    EXPECT_EQ(refused.status, 4);
    for (const char* item : {"Art. 30(1)(b)) activity LEEG: no purpose", "Art. 30(1)(c)) activity LEEG: no category of data subjects",
                             "Art. 30(1)(c)) activity LEEG: no category of personal data", "Art. 6(1)) activity LEEG: no legal basis"})
        EXPECT_TRUE(contains(refused.err, item)) << item << "\n" << refused.err;
    EXPECT_TRUE(bytes() == before);
    // An approved activity cannot lose its only Art. 6(1) basis either.
    ASSERT_EQ(ropa({"activity", "add", "PAS", "--name", "x", "--purpose", "REIS", "--category", "NAW", "--subject",
                    "AANVR", "--basis", "art6-1-e:paspw-7", "--status", "active", "-m", "x"})
                  .status,
              0);
    const auto approved = bytes();
    const auto unlinked = ropa({"unlink", "activity-basis", "PAS", "art6-1-e", "-m", "x"});
    EXPECT_EQ(unlinked.status, 4);
    EXPECT_TRUE(contains(unlinked.err, "no legal basis")) << unlinked.err;
    EXPECT_TRUE(bytes() == approved);
    // Approving it again after a review says that the earlier approval is replaced.
    const auto again = ropa({"activity", "approve", "PAS", "-m", "reviewed"});
    EXPECT_EQ(again.status, 0);
    EXPECT_TRUE(contains(again.out, "is replaced by this one")) << again.out;
}
