// Issue: record a real organisation's register as it is (5: one activity in one command or one
// document). An activity with all its links and retention rows, read as one document, given
// back from a file or edited in $EDITOR, checked whole, and written as one change.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using ropa::test::read_file;
using ropa::test::contains;
using ropa::test::run_ropa;
using ropa::test::TempDir;
using ropa::test::write_file;

namespace {


class ActivityDocument : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(ropa({"init", "--lang", "nl"}).status, 0);
        for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
                 {"source", "add", "paspw-7", "--title", "Paspoortwet", "--article", "art. 7(3)", "--jurisdiction", "NL",
                  "-m", "wet"},
                 {"source", "add", "paspw-26", "--title", "Paspoortwet", "--article", "art. 26(1)(d)",
                  "--jurisdiction", "NL", "-m", "wet"},
                 {"category", "add", "NAW", "--name", "Identificatiegegevens", "-m", "c"},
                 {"category", "add", "BIO", "--name", "Biometrie", "--is-special", "true", "-m", "c"},
                 {"subject", "add", "AANVR", "--name", "Aanvragers", "-m", "s"},
                 {"purpose", "add", "REIS", "--name", "Reisdocumenten", "--category", "NAW", "--category", "BIO",
                  "--basis", "art6-1-e:paspw-26", "--basis", "art9-2-g", "-m", "p"},
                 {"activity", "add", "PAS", "--name", "Paspoortaanvragen", "--purpose", "REIS", "--category", "NAW",
                  "--subject", "AANVR", "--basis", "art6-1-e:paspw-26", "-m", "a"}}) {
            const auto result = ropa(args);
            ASSERT_EQ(result.status, 0) << args[0] << " " << args[2] << ": " << result.err;
        }
    }

    ropa::test::RunResult ropa(const std::vector<std::string>& args, std::vector<std::string> env = {}) {
        env.push_back("ROPA_ACTOR=dpo");
        return run_ropa(dir_.path(), args, env);
    }
    nlohmann::ordered_json document() {
        return nlohmann::ordered_json::parse(ropa({"activity", "show", "PAS", "--document"}).out);
    }
    std::string bytes() { return read_file(dir_ / "ropa.db"); }
    std::size_t changes() { return nlohmann::json::parse(ropa({"log", "--json"}).out).size(); }
    // An editor: a shell script run on the document's file.
    std::string editor(const std::string& name, const std::string& script) {
        const auto path = dir_ / name;
        write_file(path, "#!/bin/sh\n" + script + "\n");
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        return "EDITOR=" + path.string();
    }

    TempDir dir_;
};

}  // namespace

TEST_F(ActivityDocument, ShownAppliedUnchangedChangesNothing) {
    const auto shown = ropa({"activity", "show", "PAS", "--document"});
    ASSERT_EQ(shown.status, 0);
    const auto doc = nlohmann::json::parse(shown.out);
    EXPECT_EQ(doc["code"], "PAS");
    EXPECT_EQ(doc["legal_bases"][0]["legal_sources"], nlohmann::json({"paspw-26"}));
    write_file(dir_ / "pas.json", shown.out);
    const auto before = bytes();
    const auto applied = ropa({"activity", "apply", "pas.json", "-m", "same"});
    EXPECT_EQ(applied.status, 0) << applied.err;
    EXPECT_TRUE(contains(applied.out, "nothing to change")) << applied.out;
    EXPECT_TRUE(bytes() == before);
}

TEST_F(ActivityDocument, OneDocumentChangesFieldsLinksAndRetentionAsOneChange) {
    auto doc = document();
    doc["description"] = {{"nl", "Aanvragen in het buitenland"}};
    doc["data_categories"] = {"BIO", "NAW"};
    doc["legal_bases"] = {{{"code", "art6-1-e"}, {"legal_sources", {"paspw-7", "paspw-26"}}}, {{"code", "art9-2-g"}}};
    doc["retention"] = {{{"data_category", "BIO"}, {"duration_value", 16}, {"duration_unit", "year"}},
                        {{"duration_value", 11}, {"duration_unit", "year"}}};
    write_file(dir_ / "pas.json", "# lines starting with # at the top are ignored\n" + doc.dump(2));
    const auto before = changes();
    const auto applied = ropa({"activity", "apply", "pas.json", "-m", "as published"});
    ASSERT_EQ(applied.status, 0) << applied.err;
    EXPECT_EQ(changes(), before + 1);
    const auto now = document();
    EXPECT_EQ(now["description"]["nl"], "Aanvragen in het buitenland");
    EXPECT_EQ(now["data_categories"], nlohmann::ordered_json({"BIO", "NAW"}));
    EXPECT_EQ(now["legal_bases"][0]["legal_sources"], nlohmann::ordered_json({"paspw-7", "paspw-26"}));
    EXPECT_EQ(now["retention"].size(), 2u);
    // What the document leaves out is removed: the description, a category, a retention row.
    auto less = now;
    less.erase("description");
    less["data_categories"] = {"NAW"};
    less["retention"] = {{{"duration_value", 11}, {"duration_unit", "year"}}};
    write_file(dir_ / "less.json", less.dump());
    ASSERT_EQ(ropa({"activity", "apply", "less.json", "-m", "less"}).status, 0);
    const auto after = document();
    EXPECT_FALSE(after.contains("description"));
    EXPECT_EQ(after["data_categories"], nlohmann::ordered_json({"NAW"}));
    EXPECT_EQ(after["retention"].size(), 1u);
    EXPECT_EQ(ropa({"verify"}).status, 0);
}

TEST_F(ActivityDocument, ANewActivityIsCreatedWithEverythingInOneChange) {
    auto doc = document();
    doc["code"] = "PAS-2";
    doc["name"] = {{"nl", "Noodpaspoorten"}};
    write_file(dir_ / "new.json", doc.dump());
    const auto before = changes();
    ASSERT_EQ(ropa({"activity", "apply", "new.json", "-m", "new"}).status, 0);
    EXPECT_EQ(changes(), before + 1);
    const auto created = nlohmann::ordered_json::parse(ropa({"activity", "show", "PAS-2", "--document"}).out);
    EXPECT_EQ(created["legal_bases"], doc["legal_bases"]);
    EXPECT_EQ(created["data_subjects"], doc["data_subjects"]);
}

TEST_F(ActivityDocument, AFaultyDocumentIsRefusedWholeNamingItsPath) {
    const auto before = bytes();
    struct Fault {
        std::function<void(nlohmann::ordered_json&)> make;
        int status;
        const char* says;
    };
    for (const auto& fault : std::vector<Fault>{
             {[](auto& d) { d["data_categories"] = {"NAW", "NOPE"}; }, 3, "$.data_categories[1]"},
             {[](auto& d) { d["start_date"] = "2026-02-30"; }, 3, "$.start_date"},
             {[](auto& d) { d["legal_bases"][0]["legal_sources"] = {"paspw-7", "paspw-7"}; }, 3, "twice"},
             {[](auto& d) { d["approved_by"] = "someone"; }, 3, "$.approved_by"},
             {[](auto& d) { d["retention"] = {{{"duration_value", 1}, {"duration_unit", "year"}},
                                              {{"duration_value", 2}, {"duration_unit", "year"}}}; },
              3, "$.retention[1]"},
             {[](auto& d) { d["colour"] = "blue"; }, 3, "$.colour"},
             // approval refused while a rule is broken: biometrics without an Art. 9(2) condition
             {[](auto& d) {
                  d["status"] = "active";
                  d["data_categories"] = {"BIO"};
              },
              4, "Art. 9(2)"},
         }) {
        auto doc = document();
        fault.make(doc);
        write_file(dir_ / "bad.json", doc.dump());
        const auto result = ropa({"activity", "apply", "bad.json", "-m", "x"});
        EXPECT_EQ(result.status, fault.status) << fault.says << ": " << result.err;
        EXPECT_TRUE(contains(result.err, fault.says)) << result.err;
        EXPECT_TRUE(bytes() == before) << fault.says;
    }
    write_file(dir_ / "empty.json", "# nothing\n");
    EXPECT_EQ(ropa({"activity", "apply", "empty.json", "-m", "x"}).status, 3);
    EXPECT_EQ(ropa({"activity", "apply", "absent.json", "-m", "x"}).status, 5);  // not found, as for import
    EXPECT_TRUE(bytes() == before);
}

TEST_F(ActivityDocument, ApprovingThroughTheDocumentRecordsWhoWhenAndWhy) {
    auto doc = document();
    doc["status"] = "active";
    write_file(dir_ / "pas.json", doc.dump());
    ASSERT_EQ(ropa({"activity", "apply", "pas.json", "-m", "reviewed with the owner"}).status, 0);
    const auto shown = nlohmann::json::parse(ropa({"activity", "show", "PAS", "--json"}).out);
    EXPECT_EQ(shown["fields"]["status"], "active");
    EXPECT_EQ(shown["fields"]["approved_by"], "dpo");
    EXPECT_EQ(shown["fields"]["approval_reason"], "reviewed with the owner");
    // The document now carries the approval; given back unchanged, it is accepted.
    write_file(dir_ / "again.json", ropa({"activity", "show", "PAS", "--document"}).out);
    EXPECT_TRUE(contains(ropa({"activity", "apply", "again.json", "-m", "x"}).out, "nothing to change"));
}

TEST_F(ActivityDocument, EditedInTheEditorAndReopenedWithTheReasonWhenRefused) {
    // The editor changes the name: applied as one change.
    const auto rename = editor("rename.sh", "sed -i 's/Paspoortaanvragen/Paspoortaanvragen buitenland/' \"$1\"");
    const auto before = changes();
    const auto edited = ropa({"activity", "edit", "PAS", "--editor", "-m", "renamed"}, {rename});
    ASSERT_EQ(edited.status, 0) << edited.err;
    EXPECT_EQ(changes(), before + 1);
    EXPECT_EQ(document()["name"]["nl"], "Paspoortaanvragen buitenland");

    // Closed without a change: nothing written.
    const auto unchanged_bytes = bytes();
    const auto untouched = ropa({"activity", "edit", "PAS", "--editor", "-m", "x"}, {editor("noop.sh", "true")});
    EXPECT_EQ(untouched.status, 0);
    EXPECT_TRUE(contains(untouched.out, "nothing changed")) << untouched.out;
    EXPECT_TRUE(bytes() == unchanged_bytes);

    // A mistake, then its correction: the second opening shows the reason at the top.
    const auto seen = dir_ / "second-opening.txt";
    const auto fixing = editor("fixing.sh",
                               "if [ -f '" + (dir_ / "once").string() + "' ]; then cp \"$1\" '" + seen.string() +
                                   "'; sed -i 's/\"NOPE\"/\"AANVR\"/' \"$1\"; else touch '" + (dir_ / "once").string() +
                                   "'; sed -i 's/\"AANVR\"/\"NOPE\"/' \"$1\"; fi");
    const auto fixed = ropa({"activity", "edit", "PAS", "--editor", "-m", "fixed"}, {fixing});
    EXPECT_EQ(fixed.status, 0) << fixed.err;
    EXPECT_TRUE(contains(fixed.err, "opening the document again")) << fixed.err;
    EXPECT_TRUE(contains(read_file(seen), "# REFUSED, nothing was written:")) << read_file(seen);
    EXPECT_TRUE(contains(read_file(seen), "$.data_subjects[0]")) << read_file(seen);

    // The same mistake saved again is giving up: refused, nothing written.
    const auto stubborn_bytes = bytes();
    const auto stubborn = ropa({"activity", "edit", "PAS", "--editor", "-m", "x"},
                               {editor("stubborn.sh", "sed -i 's/\"AANVR\"/\"NOPE\"/' \"$1\"")});
    EXPECT_EQ(stubborn.status, 3) << stubborn.err;
    EXPECT_TRUE(bytes() == stubborn_bytes);

    // An editor that fails changes nothing; field options do not mix with --editor.
    EXPECT_EQ(ropa({"activity", "edit", "PAS", "--editor", "-m", "x"}, {"EDITOR=false"}).status, 11);
    EXPECT_EQ(ropa({"activity", "edit", "PAS", "--editor", "--name", "x", "-m", "x"}).status, 2);
    EXPECT_TRUE(bytes() == stubborn_bytes);
}
