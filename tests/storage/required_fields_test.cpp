// The fields a DPO requires beyond Art. 30 (Settings::required_fields, `ropa settings
// --require`): check counts, for every activity, the share it holds apart from the Art. 30
// items; a name the register cannot require is refused and changes nothing; the exports' check
// says so only where fields are required.

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::TempDir;

namespace {

std::string markdown_of(const RegisterView& reg) {
    ExportOptions options;
    options.format = ExportFormat::markdown;
    std::ostringstream out;
    export_record(reg, options, out);
    return out.str();
}

void require(Register& reg, std::vector<std::string> fields) {
    auto settings = reg.settings();
    settings.required_fields = std::move(fields);
    reg.write(change, [&](Writer& w) { w.change_settings(settings); });
}

} // namespace

TEST(RequiredFields, CheckCountsTheFieldsARegisterRequiresApartFromArt30) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    auto report = reg.check();
    EXPECT_EQ(report.completeness.required, 0u);
    EXPECT_EQ(report.completeness.complete_activities, 1u);
    EXPECT_EQ(markdown_of(reg).find("Required by this register"), std::string::npos)
        << "a register that requires nothing exports what it did before fields could be required";

    require(reg, {"systems", "data_source", "automated_decision"});
    report = reg.check();
    const auto& c = report.completeness;
    EXPECT_EQ(c.present, c.items) << "the Art. 30 items are counted as before";
    EXPECT_EQ(c.required, 3u);
    EXPECT_EQ(c.required_present, 0u);
    EXPECT_EQ(c.required_percent(), 0);
    EXPECT_EQ(c.complete_activities, 1u) << "complete as Art. 30 counts it: the law's figure stays the law's";
    ASSERT_EQ(c.incomplete.size(), 1u);
    EXPECT_EQ(c.incomplete[0].subject, "activity:PAYROLL");
    EXPECT_TRUE(c.incomplete[0].missing.empty());
    const std::vector<std::string> missing{
        "data_source: source of the personal data, the data subjects themselves included (ICO; Art. 14(2)(f))",
                                           "automated_decision: whether decisions are automated (ICO; Art. 22)",
                                           "systems: software or systems used"};
    EXPECT_EQ(c.incomplete[0].missing_required, missing) << "in the order of requirable_fields()";
    EXPECT_NE(check_json(report).find("\"required\":3,\"required_present\":0,\"required_percent\":0"), std::string::npos)
        << check_json(report);
    const auto md = markdown_of(reg);
    EXPECT_NE(md.find("Required by this register"), std::string::npos);
    EXPECT_NE(md.find("systems: software or systems used"), std::string::npos);

    // A yes/no counts once answered, either way; a source given for one data category is a
    // source of the data.
    reg.update(EntityKind::activity, "PAYROLL", {{"systems", std::string("SAP HR")}, {"automated_decision", false}},
               std::nullopt, change);
    report = reg.check();
    EXPECT_EQ(report.completeness.required_present, 2u);
    reg.write(change, [](Writer& w) {
        w.edit_link({LinkKind::activity_data_category, "PAYROLL", "BANK", {{"source", std::string("the employee")}}});
    });
    report = reg.check();
    EXPECT_EQ(report.completeness.required_present, 3u);
    EXPECT_EQ(report.completeness.required_percent(), 100);
    EXPECT_EQ(report.completeness.complete_activities, 1u);
    EXPECT_TRUE(report.completeness.incomplete.empty());
    // check_activity counts them too
    EXPECT_EQ(reg.check_activity("PAYROLL").completeness.required, 3u);

    // Processing done as processor is not asked what the controller tells the data subjects
    // (Art. 13-14): of the three, systems alone is counted for it.
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::party, "CLIENT", {{"name", std::string("Client Ltd")}, {"contact", std::string("c@x.org")}});
        w.create(EntityKind::activity, "HOSTING",
                 {{"name", ropa::test::en("Hosting for a client")}, {"role", std::string("processor")},
                  {"on_behalf_of_party", std::string("CLIENT")}, {"description", ropa::test::en("storage")}});
    });
    report = reg.check();
    ASSERT_FALSE(report.completeness.incomplete.empty());
    const auto& hosting = report.completeness.incomplete.back();
    EXPECT_EQ(hosting.subject, "activity:HOSTING");
    EXPECT_EQ(hosting.required, 1u);
    EXPECT_EQ(hosting.missing_required, std::vector<std::string>{"systems: software or systems used"});

    // none required again: the setting is removed, the figure gone
    require(reg, {});
    EXPECT_TRUE(reg.settings().required_fields.empty());
    EXPECT_EQ(reg.check().completeness.required, 0u);
    EXPECT_TRUE(reg.verify().ok());
}

TEST(RequiredFields, ANameTheRegisterCannotRequireIsRefusedAndChangesNothing) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    require(reg, {"systems"});
    const auto bytes = ropa::test::read_file(dir / "r.db");
    for (const auto& fields : std::vector<std::vector<std::string>>{{"colour"}, {"systems", "systems"}, {""}}) {
        try {
            require(reg, fields);
            ADD_FAILURE() << "accepted: " << (fields.empty() ? "" : fields.front());
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), Errc::validation);
            EXPECT_EQ(e.field(), "settings.required_fields") << e.what();
        }
        EXPECT_EQ(ropa::test::read_file(dir / "r.db"), bytes);
    }
    EXPECT_EQ(reg.settings().required_fields, std::vector<std::string>{"systems"});
}

// The register's settings, the fields it requires among them, travel with its JSON export
// (format version 4) and come back with an import; a file of version 3 says nothing of them
// (every export made before keeps its bytes), and a value the library refuses is refused at
// its place in the file.
TEST(RequiredFields, TravelInTheJsonExportAndComeBackWithAnImport) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto json_of = [](const RegisterView& r, int version = 0) {
        ExportOptions options;
        options.format = ExportFormat::json;
        options.format_version = version;
        std::ostringstream out;
        export_record(r, options, out);
        return out.str();
    };
    require(reg, {"systems", "data_location"});
    auto settings = reg.settings();
    settings.default_language = "nl";
    settings.review_interval_months = 24;
    reg.write(change, [&](Writer& w) { w.change_settings(settings); });
    const auto exported = json_of(reg);
    EXPECT_NE(exported.find("\"settings\": {\n    \"default_language\": \"nl\",\n    \"review_interval_months\": 24,\n"
                            "    \"required_fields\": [\n      \"systems\",\n      \"data_location\"\n    ]\n  },"),
              std::string::npos)
        << exported.substr(0, 600);
    EXPECT_EQ(json_of(reg, 3).find("\"settings\""), std::string::npos) << "version 3 had no settings";

    auto copy = Register::create(dir / "copy.db");
    std::istringstream in(exported);
    copy.import_json(in, false, change);
    EXPECT_EQ(copy.settings(), reg.settings());
    // a file of version 3 leaves the register's settings as they are
    auto older = Register::create(dir / "older.db");
    std::istringstream in3(json_of(reg, 3));
    older.import_json(in3, false, change);
    EXPECT_EQ(older.settings(), Settings{});

    auto other = Register::create(dir / "other.db");
    const auto bytes = ropa::test::read_file(dir / "other.db");
    std::string wrong = exported;
    wrong.replace(wrong.find("\"data_location\"\n    ]"), 15, "\"colour\"");
    std::istringstream bad(wrong);
    try {
        other.import_json(bad, false, change);
        ADD_FAILURE() << "an unknown field was imported";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::validation);
        EXPECT_NE(std::string(e.what()).find("$.settings"), std::string::npos) << e.what();
    }
    EXPECT_EQ(ropa::test::read_file(dir / "other.db"), bytes);

    // Version 4 always has its settings, whole; an earlier version never has them.
    const auto refused_at = [&](std::string text, const std::string& path) {
        std::istringstream file(text);
        try {
            other.import_json(file, false, change);
            ADD_FAILURE() << "imported, where " << path << " is at fault";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), Errc::validation);
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
        EXPECT_EQ(ropa::test::read_file(dir / "other.db"), bytes);
    };
    auto doc = nlohmann::ordered_json::parse(exported);
    auto without = doc;
    without.erase("settings");
    refused_at(without.dump(), "$.settings");
    auto as_array = doc;
    as_array["settings"] = nlohmann::ordered_json::array();
    refused_at(as_array.dump(), "$.settings");
    auto partial = doc;
    partial["settings"].erase("review_interval_months");
    refused_at(partial.dump(), "$.settings.review_interval_months");
    auto older_with = doc;
    older_with["format_version"] = 3;
    refused_at(older_with.dump(), "$.settings");
}

// ropa diff (and an export's "changes since") shows a change of the register's settings and of
// the warnings the DPO accepted, not only of records and links: an auditor comparing the copy
// sent to the authority with today's must see that the review interval or the fields required
// changed.
TEST(RequiredFields, ADiffShowsTheSettingsAndTheAcceptedWarningsThatChanged) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.update(EntityKind::activity, "PAYROLL", {{"no_recipients", true}}, std::nullopt, change);
    const auto sent = std::to_string(reg.version()->id);
    require(reg, {"systems"});
    reg.write(change, [](Writer& w) {
        w.acknowledge("no-recipients-contradicted", "activity:PAYROLL", "the bank is paid, not given the data");
    });
    const auto diff = reg.diff(sent, "");
    ASSERT_EQ(diff.records.size(), 2u);
    EXPECT_EQ(diff.records[0].entity, "register");
    EXPECT_EQ(diff.records[0].code, "settings");
    ASSERT_EQ(diff.records[0].fields.size(), 1u);
    EXPECT_EQ(diff.records[0].fields[0].name, "required_fields");
    EXPECT_EQ(diff.records[0].fields[0].after, "systems");
    EXPECT_EQ(diff.records[1].kind, RecordDiff::Kind::added);
    EXPECT_EQ(diff.records[1].code, "no-recipients-contradicted on activity:PAYROLL");
    // and backwards: what was added is removed
    const auto back = reg.diff(std::to_string(reg.version()->id), sent);
    ASSERT_EQ(back.records.size(), 2u);
    EXPECT_EQ(back.records[1].kind, RecordDiff::Kind::removed);
    // a range that touched neither shows neither
    const auto now = std::to_string(reg.version()->id);
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, std::nullopt, change);
    const auto later = reg.diff(now, "");
    ASSERT_EQ(later.records.size(), 1u);
    EXPECT_EQ(later.records[0].entity, "activity");
}
