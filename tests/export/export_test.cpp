// Exports: golden files of the seeded annex, determinism, the published schema, and --at
// exports equal to the exports made at the time.

#include <fstream>
#include <ctime>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "export/record_view.hpp"
#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::TempDir;

namespace {

std::string exported(const RegisterView& reg, ExportFormat format, const std::string& lang = "",
                     int format_version = 0) {
    std::ostringstream out;
    ExportOptions options{format, lang};
    options.format_version = format_version;
    if (format == ExportFormat::dpv)
        options.base = "https://registers.example.org/ministry/ropa/";
    export_record(reg, options, out);
    return out.str();
}

// The version stamp's time and hash differ from run to run; golden files show placeholders.
std::string masked(std::string text) {
    text = std::regex_replace(text, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"), "<time>");
    text = std::regex_replace(text, std::regex("as on [0-9]{4}-[0-9]{2}-[0-9]{2}"), "as on <date>");
    // an entry's history: the day the test recorded it (the fixtures hold no date of today's)
    const auto today = [] {
        const std::time_t now = std::time(nullptr);
        char day[11];
        std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&now));
        return std::string(day);
    }();
    for (auto at = text.find(today); at != std::string::npos; at = text.find(today, at))
        text.replace(at, today.size(), "<today>");
    return std::regex_replace(text, std::regex("[0-9a-f]{64}"), "<hash>");
}

struct Golden {
    ExportFormat format;
    std::string lang;
    std::string file;
    int format_version = 0;  ///< json: 2 or 3 for the bytes that version had (files kept as ropa wrote them)
};

}  // namespace

namespace {

// The export of `reg` in the golden's format and language equals the reviewed file.
void expect_golden(const RegisterView& reg, const Golden& golden) {
    const auto text = masked(exported(reg, golden.format, golden.lang, golden.format_version));
    const auto file = std::filesystem::path(ROPA_SOURCE_DIR) / "tests/export/golden" / golden.file;
    if (std::getenv("ROPA_UPDATE_GOLDEN") && golden.format_version == 0)  // an old version's file is history
        ropa::test::write_file(file, text);
    EXPECT_EQ(text, ropa::test::read_file(file)) << "review with ROPA_UPDATE_GOLDEN=1, then git diff";
}

std::string golden_test_name(const ::testing::TestParamInfo<Golden>& param_info) {
    std::string name = param_info.param.file;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

}  // namespace

class ExportGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(ExportGolden, SeededAnnexMatchesTheReviewedFile) {
    TempDir dir;
    auto reg = Register::create(dir / "ccb.db");
    reg.apply_seed("ccb-annex", change);
    expect_golden(reg, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Formats, ExportGolden,
                         ::testing::Values(Golden{ExportFormat::json, "", "ccb-annex.json"},
                                           Golden{ExportFormat::json, "", "ccb-annex-format2.json", 2},
                                           Golden{ExportFormat::json, "", "ccb-annex-format3.json", 3},
                                           Golden{ExportFormat::csv, "", "ccb-annex.csv"},
                                           Golden{ExportFormat::csv_matrix, "nl", "ccb-annex-matrix-nl.csv"},
                                           Golden{ExportFormat::csv_matrix, "en", "ccb-annex-matrix-en.csv"},
                                           Golden{ExportFormat::html, "nl", "ccb-annex-nl.html"},
                                           Golden{ExportFormat::markdown, "en", "ccb-annex-en.md"}),
                         golden_test_name);

// A ministry's register with every kind of link and every field the templates ask for
// (tests/export/fixtures/ministry.json: joint controller, processors in and outside the EEA,
// a transfer, special and criminal data, legal sources, retention per category and per
// category of data subjects, processing done as processor, a draft), imported and exported:
// the Art. 30 activity table is pinned, not only the seed's headings.
class MinistryGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(MinistryGolden, ARegisterWithActivitiesMatchesTheReviewedFile) {
    TempDir dir;
    auto reg = Register::create(dir / "ministry.db");
    std::ifstream fixture(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/export/fixtures/ministry.json");
    reg.import_json(fixture, false, change);
    expect_golden(reg, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Formats, MinistryGolden,
                         ::testing::Values(Golden{ExportFormat::json, "", "ministry.json"},
                                           Golden{ExportFormat::json, "", "ministry-format2.json", 2},
                                           Golden{ExportFormat::json, "", "ministry-format3.json", 3},
                                           Golden{ExportFormat::csv, "en", "ministry-en.csv"},
                                           Golden{ExportFormat::csv_matrix, "en", "ministry-matrix-en.csv"},
                                           Golden{ExportFormat::html, "en", "ministry-en.html"},
                                           Golden{ExportFormat::markdown, "nl", "ministry-nl.md"},
                                           Golden{ExportFormat::dpv, "", "ministry.jsonld"},
                                           Golden{ExportFormat::html, "", "ministry.html"},
                                           Golden{ExportFormat::html, "fr", "ministry-fr.html"},
                                           Golden{ExportFormat::markdown, "de", "ministry-de.md"}),
                         golden_test_name);

// The form is in the language asked for (nl, fr, de; English otherwise), every label of it
// translated; each register text in another language than the page's carries its own in the
// HTML; CSV is data and keeps its headers whatever the language.
TEST(ExportLanguage, TheFormIsTranslatedAndEveryTextCarriesItsLanguage) {
    TempDir dir;
    auto reg = Register::create(dir / "ministry.db");
    std::ifstream fixture(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/export/fixtures/ministry.json");
    reg.import_json(fixture, false, change);
    for (const auto* lang : {"nl", "fr", "de", "fr-BE"}) {
        for (const auto format : {ExportFormat::html, ExportFormat::markdown, ExportFormat::xlsx})
            exported(reg, format, lang);
        std::ostringstream since;
        ExportOptions options{ExportFormat::html, lang};
        options.since = "1";
        export_record(reg, options, since);  // the changes section too
    }
    EXPECT_EQ(ropa::detail::untranslated_labels(), std::vector<std::string>{});

    const auto french = exported(reg, ExportFormat::html, "fr");
    EXPECT_NE(french.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(french.find("Registre des activités de traitement"), std::string::npos);
    EXPECT_EQ(french.find(">Processing activities<"), std::string::npos);
    EXPECT_NE(french.find("États-Unis (US)"), std::string::npos);  // countries named in the form's language
    EXPECT_EQ(french.find("United States"), std::string::npos);
    // a text the register holds in English only: marked at the text, in its own language
    EXPECT_NE(french.find("<span lang=\"en\">Camera surveillance [en]</span>"), std::string::npos);
    const auto belgian = exported(reg, ExportFormat::html, "fr-BE");
    EXPECT_NE(belgian.find("<html lang=\"fr-BE\">"), std::string::npos);
    EXPECT_NE(belgian.find("Registre des activités de traitement"), std::string::npos);

    // no language asked: an English form, each text in its source language, marked where not English
    reg.create(EntityKind::data_subject, "BURGERS", {{"name", LocalizedText{{"nl", {"Burgers", TextStatus::source}}}}},
               change);
    reg.link({LinkKind::activity_data_subject, "A-CCTV", "BURGERS", {}}, change);
    const auto plain = exported(reg, ExportFormat::html);
    EXPECT_NE(plain.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(plain.find("<span lang=\"nl\">Burgers</span>"), std::string::npos);
    EXPECT_EQ(plain.find("<span lang=\"en\">"), std::string::npos);
    EXPECT_EQ(plain.find('\x01'), std::string::npos);
    EXPECT_EQ(plain.find('\x02'), std::string::npos);
    for (const auto format : {ExportFormat::markdown, ExportFormat::csv})
        EXPECT_EQ(exported(reg, format).find('\x01'), std::string::npos);

    const auto csv = exported(reg, ExportFormat::csv, "fr");
    EXPECT_EQ(csv.substr(0, csv.find('\n')), exported(reg, ExportFormat::csv, "en").substr(0, csv.find('\n')));
}

TEST(Export, SameVersionSameBytesInEveryFormat) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    for (auto format : {ExportFormat::json, ExportFormat::csv, ExportFormat::csv_matrix, ExportFormat::xlsx,
                        ExportFormat::html, ExportFormat::markdown}) {
        const auto first = exported(reg, format, "en");
        EXPECT_FALSE(first.empty());
        auto reopened = Register::open(dir / "r.db", {.mode = OpenMode::read_only});
        EXPECT_EQ(exported(reopened, format, "en"), first) << static_cast<int>(format);
    }
}

TEST(Export, AsOfExportsEqualTheExportsMadeAtTheTime) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    reg.apply_seed("ccb-annex", change);
    std::map<std::int64_t, std::map<int, std::string>> made;  // change -> format -> bytes
    auto record = [&] {
        for (auto format : {ExportFormat::json, ExportFormat::xlsx, ExportFormat::html, ExportFormat::csv})
            made[reg.version()->id][static_cast<int>(format)] = exported(reg, format, "en");
    };
    record();
    ropa::test::build_complete_register_on_seed(reg);
    record();
    reg.update(EntityKind::activity, "STAFF-ADMIN", {{"owner", std::string("HR")}}, std::nullopt, change);
    record();
    reg.write(change, [](Writer& w) {  // a link gone: the activity goes back to review without it
        w.update(EntityKind::activity, "STAFF-ADMIN", {{"status", std::string("in_review")}});
        w.unlink(LinkKind::activity_data_subject, "STAFF-ADMIN", "STAFF");
    });
    record();
    ASSERT_EQ(made.size(), 4u);
    for (const auto& [change_id, formats] : made) {
        const auto past = reg.at(std::to_string(change_id));
        for (const auto& [format, bytes] : formats)
            EXPECT_EQ(exported(past, static_cast<ExportFormat>(format), "en"), bytes)
                << "change " << change_id << " format " << format;
    }
}

TEST(Export, StatesTheVersionLanguageAndTranslations) {
    TempDir dir;
    auto reg = Register::create(dir / "ccb.db");
    reg.apply_seed("ccb-annex", change);
    reg.tag("published", "", "dpo");
    const auto html = exported(reg, ExportFormat::html, "en");
    EXPECT_NE(html.find("Centre for Cybersecurity Belgium"), std::string::npos);
    EXPECT_NE(html.find("change " + std::to_string(reg.version()->id) + ", tag published"), std::string::npos);
    EXPECT_NE(html.find(reg.version()->hash), std::string::npos);
    EXPECT_NE(html.find("unofficial translations"), std::string::npos);
    const auto nl = exported(reg, ExportFormat::markdown, "nl");
    EXPECT_NE(nl.find("geen onofficiële vertalingen getoond"), std::string::npos);  // the form in Dutch
}

TEST(Export, TheSchemaInDocsIsTheOneRopaPublishes) {
    EXPECT_EQ(ropa::test::read_file(std::filesystem::path(ROPA_SOURCE_DIR) / "docs/schema/ropa-record.schema.json"),
              record_json_schema())
        << "regenerate with: ropa export --schema -o docs/schema/ropa-record.schema.json";
}

TEST(Export, UnknownFormatIsRefused) {
    EXPECT_EQ(ropa::test::error_code_of([] { export_format_from("pdf"); }), Errc::validation);
}

// The JSON export writes its activities one at a time, laying them out by hand; the document
// must be exactly what one dump(2) of it gives, or files differ between ropa versions.
TEST(Export, StreamedJsonIsLaidOutAsOneDump) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::activity, "SECOND", {{"name", ropa::test::en("Second\nactivity, \"quoted\"")}});
        w.link({LinkKind::activity_purpose, "SECOND", "HR-PAY", {}});
    });
    std::ostringstream out;
    export_record(reg, {ExportFormat::json, ""}, out);
    const auto doc = nlohmann::ordered_json::parse(out.str());
    ASSERT_EQ(doc["activities"].size(), 2u);
    EXPECT_EQ(out.str(), doc.dump(2) + "\n");

    auto empty = Register::create(dir / "empty.db");
    std::ostringstream none;
    export_record(empty, {ExportFormat::json, ""}, none);
    EXPECT_EQ(none.str(), nlohmann::ordered_json::parse(none.str()).dump(2) + "\n");
}

// Hostile names in the formats people open (issue: the auditor's record): a CSV cell starting
// with =HYPERLINK(...) was imported by LibreOffice as a live formula, and the Markdown export
// passed <script> and *emphasis* through as markup.
TEST(Export, HostileNamesAreShownAsTypedInEveryFormat) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const std::string formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    const std::string script = "<script>alert(1)</script> *bold* _under_ [link](http://x) `code` ~strike~ & | pipe";
    reg.update(EntityKind::activity, "PAYROLL", {{"name", ropa::test::en(formula)}}, std::nullopt, change);
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("@SUM(A1:A2)")}}, std::nullopt, change);
    reg.update(EntityKind::purpose, "HR-PAY", {{"name", ropa::test::en(script)}}, std::nullopt, change);

    const auto csv = exported(reg, ExportFormat::csv);
    EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), std::string::npos) << csv;
    EXPECT_EQ(csv.find(",@SUM"), std::string::npos);
    EXPECT_NE(csv.find(",'@SUM(A1:A2)"), std::string::npos);

    const auto md = exported(reg, ExportFormat::markdown);
    EXPECT_EQ(md.find("<script>"), std::string::npos);
    EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\> \\*bold\\* \\_under\\_ \\[link\\](http://x) \\`code\\` "
                      "\\~strike\\~ \\& \\| pipe"),
              std::string::npos)
        << md;

    const auto html = exported(reg, ExportFormat::html);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

// For a public body the national legal ground is the key column (issue: recording real
// registers): a basis linked with its legal source printed only as "Art. 6(1)(c) GDPR". And a
// printed draft must not pass for an approved record.
TEST(Export, BasesCarryTheirLawAndDraftsAreMarked) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::legal_source, "PASPW", {{"title", ropa::test::en("Paspoortwet")},
                                                     {"article", std::string("art. 26(1)(d)")},
                                                     {"jurisdiction", std::string("NL")}});
        w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-c", {{"legal_sources", Codes{"PASPW"}}}});
        w.link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-c", {}});
        w.create(EntityKind::activity, "DRAFTED", {{"name", ropa::test::en("Not yet reviewed")}});
    });
    for (auto format : {ExportFormat::csv, ExportFormat::markdown, ExportFormat::html}) {
        const auto out = exported(reg, format);
        // the activity's basis inherits the law its purpose cites for it; the purpose's too
        EXPECT_NE(out.find("Art. 6(1)(c) GDPR: Paspoortwet art. 26(1)(d)"), std::string::npos)
            << static_cast<int>(format);
    }
    EXPECT_NE(exported(reg, ExportFormat::markdown).find("### DRAFTED: Not yet reviewed (draft: not approved)"),
              std::string::npos);
    EXPECT_NE(exported(reg, ExportFormat::html).find("DRAFTED: Not yet reviewed (draft: not approved)</h3>"),
              std::string::npos);
    EXPECT_NE(exported(reg, ExportFormat::markdown).find("### PAYROLL: Payroll\n"), std::string::npos);
}

// Issue: the record an auditor can rely on. Art. 30(1)(a), (d) and (e) in the formats people
// read, not only in JSON: a joint controller and the controller a processor acts for with their
// contact details, country and DPO; a processor with its Art. 28 contract; a recipient with its
// kind and location; countries by name and code.
TEST(Export, EveryArt30ItemOfPartiesProcessorsAndRecipientsIsInEveryReadableFormat) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::party, "GENT",
                 {{"name", std::string("City of Gent")}, {"address", std::string("Botermarkt 1, 9000 Gent")},
                  {"contact", std::string("privacy@stad.gent")}, {"country", std::string("BE")},
                  {"dpo_contact", std::string("dpo@stad.gent")}});
        w.create(EntityKind::processor, "CLOUD",
                 {{"name", std::string("CloudCo Inc.")}, {"address", std::string("1 Market St, San Francisco")},
                  {"contact", std::string("privacy@cloudco.example")}, {"country", std::string("US")},
                  {"dpo_contact", std::string("dpo@cloudco.example")},
                  {"contract_reference", std::string("DPA-2024-7")}, {"contract_date", std::string("2024-03-01")}});
        w.create(EntityKind::recipient, "AUTHORITY",
                 {{"name", ropa::test::en("Tax authority")}, {"kind", std::string("public_authority")},
                  {"location", std::string("eea")}});
        w.link({LinkKind::activity_joint_controller, "PAYROLL", "GENT",
                {{"responsibilities", std::string("informing the data subjects")}}});
        w.link({LinkKind::activity_processor, "PAYROLL", "CLOUD", {}});
        w.link({LinkKind::activity_recipient, "PAYROLL", "AUTHORITY", {}});
        w.create(EntityKind::transfer, "TO-US", {{"country", std::string("US")},
                                                 {"transfer_tool", std::string("art46-2-c")}});
        w.link({LinkKind::activity_transfer, "PAYROLL", "TO-US", {}});
    });
    for (auto format : {ExportFormat::csv, ExportFormat::markdown, ExportFormat::html}) {
        const auto out = exported(reg, format);
        for (const char* expected :
             {"City of Gent (Botermarkt 1, 9000 Gent; privacy@stad.gent; Belgium (BE); DPO: dpo@stad.gent), "
              "responsible for: informing the data subjects",
              "CloudCo Inc. (1 Market St, San Francisco; privacy@cloudco.example; United States (US); DPO: "
              "dpo@cloudco.example; Art. 28 contract DPA-2024-7 of 2024-03-01)",
              "Tax authority (public authority; in the EEA)", "United States (US), Art. 46(2)(c)"})
            EXPECT_NE(out.find(expected), std::string::npos) << static_cast<int>(format) << ": " << expected;
    }
}
