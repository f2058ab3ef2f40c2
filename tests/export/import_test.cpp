// Import of the JSON export: round trips, --replace, and refusal of bad files.

#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::TempDir;

namespace {

std::string json_of(const RegisterView& reg) {
    std::ostringstream out;
    export_record(reg, {ExportFormat::json, ""}, out);
    auto doc = nlohmann::ordered_json::parse(out.str());
    doc.erase("version");  // the only part that may differ
    return doc.dump(1);
}

std::string raw_json(const RegisterView& reg) {
    std::ostringstream out;
    export_record(reg, {ExportFormat::json, ""}, out);
    return out.str();
}

}  // namespace

TEST(Import, RoundTripOfTheSeededAnnex) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    source.apply_seed("ccb-annex", change);
    auto target = Register::create(dir / "b.db");
    target.import_json(raw_json(source), false, change);
    EXPECT_EQ(json_of(target), json_of(source));
    EXPECT_EQ(target.purpose_category_links().size(), 111u);
    EXPECT_TRUE(target.verify().ok());
}

TEST(Import, RoundTripOfACompleteRegister) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    ropa::test::build_complete_register(source);
    source.write(change, [](Writer& w) {  // a bit of everything the export carries
        w.create(EntityKind::party, "CLIENT", {{"name", std::string("Client SA")}, {"country", std::string("FR")}});
        w.create(EntityKind::processor, "HOST", {{"name", std::string("Host NV")}, {"contract_date", std::string("2024-02-29")}});
        w.create(EntityKind::transfer, "US", {{"country", std::string("US")}, {"transfer_tool", std::string("art46-2-c")}});
        w.link({LinkKind::activity_transfer, "PAYROLL", "US", {}});
        w.link({LinkKind::activity_processor, "PAYROLL", "HOST", {}});
        w.link({LinkKind::activity_joint_controller, "PAYROLL", "CLIENT", {{"responsibilities", std::string("pays")}}});
        w.update(EntityKind::purpose, "HR-PAY",
                 {{"name", LocalizedText{{"fr", {"Payer le personnel", TextStatus::unofficial}},
                                         {"nl", {"Personeel betalen", TextStatus::official}}}}});
        w.create(EntityKind::activity, "OLD", {{"name", ropa::test::en("Old payroll")},
                                               {"replaced_by_activity", std::string("PAYROLL")}});
        // level 8: the templates' fields, and a warning accepted
        w.update(EntityKind::activity, "PAYROLL", {{"data_source", ropa::test::en("the employee")},
                                                   {"provision_requirement", std::string("contractual")},
                                                   {"no_recipients", false}});
        w.edit_link({LinkKind::activity_data_category, "PAYROLL", "IDENT",
                     {{"source", std::string("the employee's passport")}, {"data_subjects", Codes{"STAFF"}}}});
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("PAYROLL")}, {"data_category", std::string("IDENT")},
                  {"data_subject", std::string("STAFF")}, {"duration_value", std::int64_t{2}},
                  {"duration_unit", std::string("year")}});
        w.acknowledge("retention-overlaps", "activity:PAYROLL", "the identity data are an exception to the rule");
    });
    auto target = Register::create(dir / "b.db");
    target.import_json(raw_json(source), false, change);
    EXPECT_EQ(json_of(target), json_of(source));
    ASSERT_EQ(target.acknowledgements().size(), 1u);
    EXPECT_EQ(target.acknowledgements()[0].reason, "the identity data are an exception to the rule");
    EXPECT_EQ(target.acknowledgements()[0].acknowledged_at, source.acknowledgements()[0].acknowledged_at);
    EXPECT_EQ(target.check().acknowledged(), 1u);
    const auto name = std::get<LocalizedText>(target.get(EntityKind::purpose, "HR-PAY").fields.at("name"));
    EXPECT_EQ(name.at("fr").status, TextStatus::unofficial);
    EXPECT_EQ(name.at("nl").status, TextStatus::official);  // an official translation stays official
    EXPECT_EQ(name.at("en").status, TextStatus::source);
    EXPECT_NE(raw_json(source).find("\"official_translations\": {\n        \"name\": [\n          \"nl\""),
              std::string::npos);
}

TEST(Import, ReplaceTurnsARegisterIntoTheFilesContentAsOneChange) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    ropa::test::build_complete_register(source);
    auto target = Register::create(dir / "b.db");
    target.apply_seed("ccb-annex", change);
    EXPECT_EQ(ropa::test::error_code_of([&] { target.import_json(raw_json(source), false, change); }), Errc::conflict);
    const auto changes_before = target.log().size();
    target.import_json(raw_json(source), true, {"dpo", "replace with the reviewed file"});
    EXPECT_EQ(json_of(target), json_of(source));
    EXPECT_EQ(target.log().size(), changes_before + 1);
    EXPECT_TRUE(target.list(EntityKind::purpose, {.search = "NIS2"}).empty());
    EXPECT_TRUE(target.verify().ok());
    // The same file again: the register already is its content, so no change is recorded.
    EXPECT_EQ(target.import_json(raw_json(source), true, {"dpo", "nightly sync"}), 0u);
    EXPECT_EQ(target.log().size(), changes_before + 1);
    // One field different: a change again.
    auto edited = nlohmann::ordered_json::parse(raw_json(source));
    edited["activities"][0]["owner"] = "Someone else";
    EXPECT_GT(target.import_json(edited.dump(), true, {"dpo", "nightly sync"}), 0u);
    EXPECT_EQ(target.log().size(), changes_before + 2);
}

TEST(Import, BadFilesAreRefusedNamingTheJsonPathAndNothingIsWritten) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    ropa::test::build_complete_register(source);
    const auto good = nlohmann::json::parse(raw_json(source));
    auto target = Register::create(dir / "b.db");
    ropa::test::build_complete_register(target);
    const auto before = json_of(target);
    const auto changes_before = target.log().size();

    struct Case {
        std::string text;
        std::string path;
    };
    auto edited = [&](auto&& edit) {
        auto doc = good;
        edit(doc);
        return doc.dump();
    };
    const std::vector<Case> cases{
        {"", "$: malformed JSON"},
        {good.dump().substr(0, 200), "$: malformed JSON"},
        {"[1, 2]", "$: must be a JSON object"},
        // found by fuzzing: a number too large to parse was not reported as bad input
        {"{\"format\": 1" + std::string(400, '4') + "}", "$.format: a number is out of range"},
        {"{\"format\": \"other\"}", "$.format"},
        {"{\"format\": 5}", "$.format"},  // a wrong type is bad input, not an internal error
        // a seed file's header, where a file has one: an object of a name and a title
        {edited([](auto& d) { d["seed"] = "ccb-annex"; }), "$.seed: must be an object"},
        {edited([](auto& d) { d["seed"] = nlohmann::json::array(); }), "$.seed: must be an object"},
        {edited([](auto& d) { d["seed"] = {{"name", "x"}, {"title", "t"}, {"by", "me"}}; }), "$.seed.by"},
        {edited([](auto& d) { d["seed"] = {{"name", "x"}}; }), "$.seed.title: is required"},
        {edited([](auto& d) { d["seed"] = {{"name", "not a code"}, {"title", "t"}}; }), "$.seed.name"},
        {std::string("{\"format\": \"ropa-record\", \"x\": \"\xff\"}"), "not valid UTF-8"},
        {edited([](auto& d) { d["surprise"] = 1; }), "$.surprise"},
        {edited([](auto& d) { d.erase("activities"); }), "$.activities: is missing"},
        {edited([](auto& d) { d["activities"][0]["start_date"] = "2026-02-30"; }), "$.activities[0].start_date"},
        {edited([](auto& d) { d["activities"][0]["status"] = 7; }), "$.activities[0].status: must be a string"},
        {edited([](auto& d) { d["activities"][0]["colour"] = "red"; }), "$.activities[0].colour"},
        {edited([](auto& d) { d["purposes"][0]["name"] = {{"en", std::string(3000, 'x')}}; }), "$.purposes[0].name.en"},
        {edited([](auto& d) { d["purposes"][0]["name"] = {{"en", std::string("a\0b", 3)}}; }), "NUL"},
        {edited([](auto& d) { d["purposes"].push_back(d["purposes"][0]); }), "appears twice"},
        {edited([](auto& d) { d["purposes"][0]["code"] = "bad code"; }), "$.purposes[0].code"},
        {edited([](auto& d) { d["activities"][0]["purposes"] = {"NO-SUCH"}; }), "$.activities[0].purposes[0]"},
        {edited([](auto& d) { d["activities"][0]["data_categories"].push_back("NO-SUCH"); }), "no category"},
        // a file that breaks a rule: the activity uses a category its purpose does not allow
        {edited([](auto& d) { d["purposes"][0]["data_categories"] = nlohmann::json::array({{{"code", "IDENT"}}}); }),
         "Art. 5(1)(b)"},
        {edited([](auto& d) { d["activities"][0]["retention"][0]["duration_value"] = -3; }), "retention[0].duration_value"},
        {edited([](auto& d) { d["acknowledgements"] = 3; }), "$.acknowledgements: must be an array"},
        {edited([](auto& d) {
             d["acknowledgements"] = nlohmann::json::array({{{"finding_code", "x"}, {"subject", "controller"}}});
         }),
         "$.acknowledgements[0].reason"},
        {edited([](auto& d) {
             d["acknowledgements"] = nlohmann::json::array(
                 {{{"finding_code", "Bad Code"}, {"subject", "controller"}, {"reason", "r"},
                   {"acknowledged_by", "dpo"}, {"acknowledged_at", "2026-01-01T00:00:00.000Z"}}});
         }),
         "$.acknowledgements[0].finding_code"},
        {edited([](auto& d) { d["activities"][0]["name"] = {{"en", "x'); DROP TABLE purpose; --"}}; }), ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.path);
        std::string message;
        try {
            target.import_json(c.text, true, change);
        } catch (const Error& e) {
            message = e.what();
        }
        if (c.path.empty()) {  // valid: stored literally, then put back for the next case
            EXPECT_EQ(message, "");
            EXPECT_EQ(pick_value(std::get<LocalizedText>(target.get(EntityKind::activity, "PAYROLL").fields.at("name")), "en"),
                      "x'); DROP TABLE purpose; --");
            continue;
        }
        EXPECT_NE(message.find(c.path), std::string::npos) << message;
        EXPECT_EQ(json_of(target), before);
        EXPECT_EQ(target.log().size(), changes_before);
    }
}

namespace {

/// The file `reg` exports, with `edit` applied to its JSON document.
std::string edited_export(const Register& reg, const std::function<void(nlohmann::ordered_json&)>& edit) {
    auto doc = nlohmann::ordered_json::parse(raw_json(reg));
    edit(doc);
    return doc.dump(2);
}

/// Import `text` into `reg` with --replace, expecting a refusal with `code` naming `field`, and
/// the register file byte for byte as it was.
void expect_import_refused(Register& reg, const std::filesystem::path& file, const std::string& text, Errc code,
                           const std::string& field, const std::string& needle) {
    const auto before = ropa::test::read_file(file);
    // from text in memory, and read as a stream: the same refusal
    for (const bool streamed : {false, true}) {
        SCOPED_TRACE(streamed ? "streamed" : "from text");
        try {
            if (streamed) {
                std::istringstream in(text);
                reg.import_json(in, true, change);
            } else {
                reg.import_json(text, true, change);
            }
            ADD_FAILURE() << "accepted: " << needle;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), code) << e.what();
            EXPECT_EQ(e.field(), field) << e.what();
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).find("json.exception"), std::string::npos) << e.what();
        }
        EXPECT_EQ(ropa::test::read_file(file), before) << needle;
    }
}

}  // namespace

// The attacker's trial: a second "activities": [] made import --replace delete every activity
// (nlohmann/json keeps the last of two keys); a trailing NUL passed; a code the file names
// that does not exist gave exit 5 and a link given twice exit 6, where the table says 3.
TEST(Import, StrictJsonAndFaultsOfTheFileAreValidationErrorsWithTheirPath) {
    TempDir dir;
    auto reg = Register::create(dir / "a.db");
    ropa::test::build_complete_register(reg);
    const auto good = raw_json(reg);

    auto duplicate = good;
    duplicate.insert(duplicate.rfind('}'), ",\n  \"activities\": []\n");
    expect_import_refused(reg, dir / "a.db", duplicate, Errc::validation, "$.activities", "appears twice");
    const auto nested = edited_export(reg, [](auto& doc) { doc["activities"][0]["code"] = "PAYROLL"; });
    auto nested_duplicate = nested;
    nested_duplicate.insert(nested_duplicate.find("\"code\": \"PAYROLL\"") + 17, ", \"code\": \"OTHER\"");
    expect_import_refused(reg, dir / "a.db", nested_duplicate, Errc::validation, "$.activities[0].code",
                          "appears twice");
    expect_import_refused(reg, dir / "a.db", good + std::string(1, '\0'), Errc::validation, "$", "NUL byte");
    expect_import_refused(reg, dir / "a.db", good + "x", Errc::validation, "$", "malformed JSON at byte");
    expect_import_refused(reg, dir / "a.db", "#!", Errc::validation, "$", "malformed JSON at byte 1 ");

    const auto missing = edited_export(reg, [](auto& doc) { doc["activities"][0]["purposes"] = {"NO-SUCH"}; });
    expect_import_refused(reg, dir / "a.db", missing, Errc::validation, "$.activities[0].purposes[0]", "NO-SUCH");
    const auto twice = edited_export(reg, [](auto& doc) {
        const auto purpose = doc["activities"][0]["purposes"][0];
        doc["activities"][0]["purposes"].push_back(purpose);
    });
    expect_import_refused(reg, dir / "a.db", twice, Errc::validation, "$.activities[0].purposes[1]",
                          "already linked");
    EXPECT_NO_THROW(reg.import_json(good, true, change));
}

TEST(Import, ReplacedByMustNotLoopAndReplaceWorksWhereActivitiesNameEachOther) {
    TempDir dir;
    auto reg = Register::create(dir / "a.db");
    ropa::test::build_complete_register(reg);
    reg.create(EntityKind::activity, "PAYROLL-2", {{"name", LocalizedText{{"en", {"Payroll, new", TextStatus::source}}}}},
               change);
    reg.update(EntityKind::activity, "PAYROLL", {{"replaced_by_activity", std::string("PAYROLL-2")}}, std::nullopt,
               change);
    const auto chained = raw_json(reg);
    // A register whose activities name each other is replaced by a file as well.
    EXPECT_NO_THROW(reg.import_json(edited_export(reg, [](auto& doc) { doc["activities"][0]["name"]["en"] = "Pay"; }),
                                    true, change));
    EXPECT_NO_THROW(reg.import_json(chained, true, change));

    const auto self = edited_export(reg, [](auto& doc) {
        for (auto& activity : doc["activities"])
            if (activity["code"] == "PAYROLL-2")
                activity["replaced_by_activity"] = "PAYROLL-2";
    });
    expect_import_refused(reg, dir / "a.db", self, Errc::validation, "activity.replaced_by_activity", "is a cycle");
    const auto loop = edited_export(reg, [](auto& doc) {
        for (auto& activity : doc["activities"])
            if (activity["code"] == "PAYROLL-2")
                activity["replaced_by_activity"] = "PAYROLL";
    });
    expect_import_refused(reg, dir / "a.db", loop, Errc::validation, "activity.replaced_by_activity",
                          "PAYROLL-2 -> PAYROLL -> PAYROLL-2 is a cycle");
    EXPECT_EQ(ropa::test::error_code_of([&] {
                  reg.update(EntityKind::activity, "PAYROLL-2", {{"replaced_by_activity", std::string("PAYROLL-2")}},
                             std::nullopt, change);
              }),
              Errc::validation);
}

// import --replace wrote the whole register again for a one-word change ("purpose-category:
// 111 added, 111 removed; purpose: 63 changed; ..."), and a nightly sync grew the history by
// the whole register every night. It now writes only what differs.
TEST(Import, ReplaceWritesOnlyWhatDiffers) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    source.apply_seed("ccb-annex", change);
    ropa::test::build_complete_register_on_seed(source);
    auto target = Register::create(dir / "b.db");
    target.import_json(raw_json(source), false, change);
    const auto same = target.version()->id;
    EXPECT_EQ(target.import_json(raw_json(source), true, change), 0u);
    EXPECT_EQ(target.version()->id, same);

    auto doc = nlohmann::ordered_json::parse(raw_json(source));
    doc["purposes"][57]["name"]["en"] = "Personnel administration, renamed";
    ASSERT_EQ(doc["purposes"][57]["code"], "P58");
    EXPECT_GT(target.import_json(doc.dump(), true, change), 0u);
    const auto log = target.log();
    ASSERT_EQ(log.front().id, same + 1);
    // One record changed, one field: nothing else was written.
    EXPECT_EQ(log.front().summary, "purpose: P58 changed");
    const auto diff = target.diff(std::to_string(same), std::to_string(same + 1));
    ASSERT_EQ(diff.records.size(), 1u);
    EXPECT_EQ(diff.records[0].code, "P58");
    ASSERT_EQ(diff.records[0].fields.size(), 1u);
    EXPECT_EQ(diff.records[0].fields[0].name, "name");
    EXPECT_EQ(json_of(target), [&] {
        auto expected = doc;
        expected.erase("version");
        return nlohmann::ordered_json::parse(expected.dump()).dump(1);
    }());
    EXPECT_TRUE(target.verify().ok());
}

// A value set to what it already is records nothing: no change, no revision moved, so an
// editor holding that revision is not refused for nothing.
TEST(NoOpWrites, RecordNoChangeAndMoveNoRevision) {
    TempDir dir;
    auto reg = Register::create(dir / "a.db");
    ropa::test::build_complete_register(reg);
    const auto version = reg.version()->id;
    const auto category = reg.get(EntityKind::data_category, "IDENT");
    const auto same = reg.update(EntityKind::data_category, "IDENT", {{"is_special", false}}, category.revision, change);
    EXPECT_EQ(same.revision, category.revision);
    EXPECT_EQ(reg.version()->id, version);
    EXPECT_FALSE(reg.write(change, [](Writer& w) {
        w.update(EntityKind::activity, "PAYROLL", {{"name", ropa::test::en("Payroll")}, {"description", std::monostate{}}});
    }));
    EXPECT_EQ(reg.version()->id, version);
    // A stale revision is still refused, even where nothing would change.
    EXPECT_EQ(ropa::test::error_code_of([&] {
                  reg.update(EntityKind::data_category, "IDENT", {{"is_special", false}}, category.revision + 1, change);
              }),
              Errc::conflict);
    // And a real change still is one.
    EXPECT_TRUE(reg.write(change, [](Writer& w) {
        w.update(EntityKind::data_category, "IDENT", {{"description", ropa::test::en("Name, staff number")}});
    }));
    EXPECT_EQ(reg.version()->id, version + 1);
}

// Format version 1 (before schema level 6) gave a basis link one "legal_source"; a file written
// then still imports, its source read as the list of that one, and the register exports it in
// version 2 as a list. A version the program does not know is refused, naming the field.
TEST(Import, AFormatVersion1FileWithOneLegalSourcePerBasisStillImports) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    ropa::test::build_complete_register(source);
    source.write(change, [](Writer& w) {
        w.create(EntityKind::legal_source, "LAW",
                 {{"title", LocalizedText{{"en", {"Wages Act", TextStatus::source}}}},
                  {"article", std::string("art. 3")}, {"jurisdiction", std::string("BE")}});
        w.edit_link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-b", {{"legal_sources", Codes{"LAW"}}}});
        w.edit_link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-b", {{"legal_sources", Codes{"LAW"}}}});
    });
    auto doc = nlohmann::ordered_json::parse(raw_json(source));
    ASSERT_EQ(doc["format_version"], 4);
    int rewritten = 0;
    auto to_version_1 = [&](nlohmann::ordered_json& bases) {
        for (auto& basis : bases)
            if (basis.contains("legal_sources")) {
                ASSERT_EQ(basis["legal_sources"].size(), 1u);
                basis["legal_source"] = basis["legal_sources"][0];
                basis.erase("legal_sources");
                ++rewritten;
            }
    };
    for (auto& activity : doc["activities"])
        to_version_1(activity["legal_bases"]);
    for (auto& purpose : doc["purposes"])
        to_version_1(purpose["legal_bases"]);
    ASSERT_EQ(rewritten, 2);
    doc["format_version"] = 1;
    doc.erase("settings");  // came with version 4
    auto target = Register::create(dir / "b.db");
    target.import_json(doc.dump(), false, change);
    EXPECT_EQ(json_of(target), json_of(source));

    doc["format_version"] = 5;  // newer than this ropa
    auto third = Register::create(dir / "c.db");
    try {
        third.import_json(doc.dump(), false, change);
        ADD_FAILURE() << "format version 5 was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::validation);
        EXPECT_EQ(e.field(), "$.format_version");
    }
    // In version 2 the old key is not a field.
    doc["format_version"] = 2;
    EXPECT_EQ(ropa::test::error_code_of([&] { third.import_json(doc.dump(), false, change); }), Errc::validation);
}

// The file is read as a stream, one record at a time. A file in another order than ropa
// writes (activities before the purposes and categories they use, the format version last,
// a purpose before the categories it allows) imports the same; what a record names before the
// file gives it waits for the end.
TEST(Import, AStreamInAnyOrderImportsAsTheTextDoes) {
    TempDir dir;
    auto source = Register::create(dir / "a.db");
    ropa::test::build_complete_register(source);
    source.write(change, [](Writer& w) {
        w.create(EntityKind::processor, "HOST", {{"name", std::string("Host NV")}});
        w.create(EntityKind::recipient, "CLOUD", {{"name", ropa::test::en("Cloud host")},
                                                  {"kind", std::string("processor")},
                                                  {"processor", std::string("HOST")}});
        w.link({LinkKind::activity_recipient, "PAYROLL", "CLOUD", {}});
        w.create(EntityKind::activity, "OLD", {{"name", ropa::test::en("Old payroll")}});
        w.update(EntityKind::activity, "OLD", {{"replaced_by_activity", std::string("PAYROLL")}});
    });
    // and a data category given after the activity whose retention row names it
    source.write(change, [](Writer& w) {
        w.create(EntityKind::data_category, "ZZ-LATE", {{"name", ropa::test::en("Given late")}});
        w.link({LinkKind::purpose_data_category, "HR-PAY", "ZZ-LATE", {}});
        w.link({LinkKind::activity_data_category, "PAYROLL", "ZZ-LATE", {}});
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("PAYROLL")}, {"data_category", std::string("ZZ-LATE")},
                  {"duration_value", std::int64_t{2}}, {"duration_unit", std::string("year")}});
    });
    const auto ordered = nlohmann::ordered_json::parse(raw_json(source));
    nlohmann::ordered_json reversed;  // every key of the root in the opposite order
    std::vector<std::string> keys;
    for (const auto& [key, value] : ordered.items())
        keys.push_back(key);
    for (auto it = keys.rbegin(); it != keys.rend(); ++it)
        reversed[*it] = ordered[*it];
    ASSERT_EQ(reversed.begin().key(), "activities");
    auto streamed = Register::create(dir / "b.db");
    std::istringstream in(reversed.dump(2));
    EXPECT_GT(streamed.import_json(in, false, change), 0u);
    EXPECT_EQ(json_of(streamed), json_of(source));
    auto from_text = Register::create(dir / "c.db");
    from_text.import_json(raw_json(source), false, change);
    EXPECT_EQ(json_of(from_text), json_of(source));
    EXPECT_TRUE(streamed.verify().ok());
    // again, replacing: nothing differs, nothing is recorded
    std::istringstream again(reversed.dump());
    EXPECT_EQ(streamed.import_json(again, true, change), 0u);
}

// The stream is checked for UTF-8 as it is read, in chunks: a character cut by a chunk's end
// is whole, a fault far into the file is found and named by its byte.
TEST(Import, AStreamIsCheckedForUtf8AcrossItsChunks) {
    TempDir dir;
    auto reg = Register::create(dir / "a.db");
    ropa::test::build_complete_register(reg);
    auto doc = nlohmann::ordered_json::parse(raw_json(reg));
    // descriptions long enough to cross several 64 KiB chunks, each character three bytes
    std::string long_text;
    while (long_text.size() < 200'000)
        long_text += "\xe2\x82\xac 12,50 ";  // "€ 12,50 "
    long_text.resize(19'000);  // under the limit of a description
    while (!long_text.empty() && (static_cast<unsigned char>(long_text.back()) & 0xC0) == 0x80)
        long_text.pop_back();
    if (!long_text.empty() && static_cast<unsigned char>(long_text.back()) >= 0xC0)
        long_text.pop_back();
    // in twenty records, so that the file crosses several 64 KiB chunks
    const auto with_text = [&](std::size_t shift) {
        auto edited = doc;
        for (int i = 0; i < 20; ++i)
            edited["data_subjects"].push_back({{"code", "LONG-" + std::to_string(i)},
                                               {"name", {{"en", "Subjects " + std::to_string(i)}}},
                                               {"description", {{"en", std::string(shift, 'x') + long_text}}}});
        return edited.dump(2);
    };
    const std::string good = with_text(0);
    ASSERT_GT(good.size(), 5u * 65536);
    for (std::size_t shift = 0; shift < 3; ++shift) {  // the cut falls inside a character at least once
        std::istringstream in(with_text(shift));
        EXPECT_NO_THROW(reg.import_json(in, true, change)) << shift;
        EXPECT_EQ(std::get<LocalizedText>(reg.get(EntityKind::data_subject, "LONG-19").fields.at("description"))
                      .at("en").value,
                  std::string(shift, 'x') + long_text);
    }
    const auto before = ropa::test::read_file(dir / "a.db");
    auto bad = good;
    const auto at = bad.find("\xe2\x82\xac", 150'000);
    ASSERT_NE(at, std::string::npos);
    bad[at + 1] = 'A';  // a lead byte followed by a character that cannot continue it
    std::istringstream in(bad);
    try {
        reg.import_json(in, true, change);
        ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::validation);
        EXPECT_EQ(e.field(), "$");
        EXPECT_NE(std::string(e.what()).find("not valid UTF-8 (at byte " + std::to_string(at + 1) + ")"),
                  std::string::npos)
            << e.what();
    }
    std::istringstream cut(good.substr(0, good.find("\xe2\x82\xac", 100'000) + 1));  // ends inside a character
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.import_json(cut, true, change); }), Errc::validation);
    EXPECT_EQ(ropa::test::read_file(dir / "a.db"), before);
}
