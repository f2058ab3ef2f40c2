// The CCB annex seed: a faithful transcription (see seed/README.md).

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::TempDir;

namespace {

class CcbAnnex : public ::testing::Test {
protected:
    void SetUp() override {
        reg_ = std::make_unique<Register>(Register::create(dir_ / "ccb.db"));
        ASSERT_EQ(reg_->apply_seed("ccb-annex", {"test", "seed the annex"}), SeedOutcome::applied);
        matrix_ = reg_->purpose_matrix();
    }

    // The column numbers (1-4, annex order) ticked for purpose `code`.
    std::vector<int> ticks(const std::string& code) const {
        for (const auto& row : matrix_.rows)
            if (row.purpose.code == code) {
                std::vector<int> columns;
                for (std::size_t c = 0; c < row.cells.size(); ++c)
                    if (row.cells[c])
                        columns.push_back(static_cast<int>(c + 1));
                return columns;
            }
        ADD_FAILURE() << "no purpose " << code;
        return {};
    }

    const PurposeMatrix::Row& row(const std::string& code) const {
        return *std::find_if(matrix_.rows.begin(), matrix_.rows.end(),
                             [&](const auto& r) { return r.purpose.code == code; });
    }

    TempDir dir_;
    std::unique_ptr<Register> reg_;
    PurposeMatrix matrix_;
};

}  // namespace

TEST_F(CcbAnnex, Has63PurposesInAnnexOrder) {
    ASSERT_EQ(matrix_.rows.size(), 63u);
    for (std::size_t i = 0; i < matrix_.rows.size(); ++i) {
        const auto& purpose = matrix_.rows[i].purpose;
        EXPECT_EQ(purpose.display_order, static_cast<int>(i + 1));
        EXPECT_EQ(purpose.code, (i < 9 ? "P0" : "P") + std::to_string(i + 1));
    }
    EXPECT_EQ(pick_value(matrix_.rows.front().purpose.name, "nl"),
              "Zorgen voor coördinatie tussen de verschillende diensten en autoriteiten die betrokken zijn bij "
              "cyberbeveiliging in België;");
    EXPECT_EQ(pick_value(matrix_.rows.back().purpose.name, "nl"),
              "Malafide/phishing websites bestrijden en bewijzen bewaren in geval van gerechtelijke procedures");
    // hyphenation across lines joined, compound hyphens kept
    EXPECT_EQ(pick_value(row("P36").purpose.name, "nl"),
              "Toezicht uitoefenen op houders van Europese cyberbeveiligings-certificaten, afgevers van "
              "EU-conformiteitsverklaringen en conformiteitsbeoordelingsinstanties");
    EXPECT_NE(pick_value(row("P13").purpose.name, "nl").find("onder de NIS2-entiteiten en"), std::string::npos);
}

TEST_F(CcbAnnex, HasTheFourColumnsInAnnexOrder) {
    ASSERT_EQ(matrix_.columns.size(), 4u);
    EXPECT_EQ(matrix_.columns[0].code, "identification");
    EXPECT_EQ(matrix_.columns[1].code, "navigation");
    EXPECT_EQ(matrix_.columns[2].code, "video-surveillance");
    EXPECT_EQ(matrix_.columns[3].code, "sanctions");
    EXPECT_EQ(pick_value(matrix_.columns[0].name, "nl"),
              "Identificatiegegevens, contactgegevens en gegevens over de gezinssituatie");
    EXPECT_EQ(pick_value(matrix_.columns[3].name, "nl"),
              "Gegevens betreffende administratieve of strafrechtelijke sancties");
    EXPECT_TRUE(matrix_.columns[3].is_criminal);
    for (int c = 0; c < 3; ++c)
        EXPECT_FALSE(matrix_.columns[c].is_criminal || matrix_.columns[c].is_special);
}

TEST_F(CcbAnnex, HasExactly111AllowedLinks) {
    EXPECT_EQ(reg_->purpose_category_links().size(), 111u);
    std::size_t cells = 0;
    for (const auto& r : matrix_.rows)
        cells += std::count_if(r.cells.begin(), r.cells.end(), [](const auto& c) { return c.has_value(); });
    EXPECT_EQ(cells, 111u);
}

TEST_F(CcbAnnex, SpotChecksAcrossTheWholeTable) {
    EXPECT_EQ(ticks("P01"), (std::vector<int>{1}));
    EXPECT_EQ(ticks("P03"), (std::vector<int>{1, 2, 3, 4}));  // "Toezien op de uitvoering van de NIS2-wet"
    EXPECT_EQ(ticks("P30"), (std::vector<int>{1, 2, 3, 4}));  // supervision and fines
    EXPECT_EQ(ticks("P06"), (std::vector<int>{1, 2, 3}));     // crisis management with NCCN
    EXPECT_EQ(ticks("P14"), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(ticks("P52"), (std::vector<int>{1, 2, 3}));     // visitors and buildings (video)
    EXPECT_EQ(ticks("P10"), (std::vector<int>{1, 4}));        // subsidies
    EXPECT_EQ(ticks("P35"), (std::vector<int>{1, 2, 4}));
    EXPECT_EQ(ticks("P37"), (std::vector<int>{1, 4}));        // sanctions under 2019/881
    EXPECT_EQ(ticks("P56"), (std::vector<int>{1, 2, 4}));
    EXPECT_EQ(ticks("P58"), (std::vector<int>{1, 2, 4}));     // personnel administration
    EXPECT_EQ(ticks("P59"), (std::vector<int>{1, 2}));        // the two-cell statistics row
    EXPECT_EQ(ticks("P60"), (std::vector<int>{2}));           // the website rows at the end
    EXPECT_EQ(ticks("P61"), (std::vector<int>{2}));
    EXPECT_EQ(ticks("P62"), (std::vector<int>{2}));
    EXPECT_EQ(ticks("P63"), (std::vector<int>{1, 2}));
}

TEST_F(CcbAnnex, CarriesBothNotesOnTheirLinks) {
    int notes = 0;
    for (const auto& r : matrix_.rows)
        for (const auto& cell : r.cells)
            notes += cell && !cell->note.empty();
    EXPECT_EQ(notes, 2);
    const auto& statistics = row("P59").cells[1];
    ASSERT_TRUE(statistics && !statistics->note.empty());
    const auto statistics_note = std::string(pick_value(statistics->note, "nl"));
    EXPECT_EQ(statistics_note.rfind("(gebruikte zoekmachine; gebruikte trefwoorden;", 0), 0u);
    EXPECT_NE(statistics_note.find("platform en/of besturingssysteem dat op uw computer is geïnstalleerd)"),
              std::string::npos);
    const auto& traffic = row("P62").cells[1];
    ASSERT_TRUE(traffic && !traffic->note.empty());
    EXPECT_EQ(pick_value(traffic->note, "nl"), "Logbestanden betreffende het webverkeer");
    EXPECT_EQ(pick(traffic->note, "en")->status, TextStatus::unofficial);
}

TEST_F(CcbAnnex, LinksOnlyTheTwoLabelledGroupsToLegalBases) {
    std::map<std::string, std::set<std::string>> bases;
    for (const auto& link : reg_->purpose_basis_links())
        bases[link.purpose_code].insert(link.legal_basis_code);
    std::map<std::string, std::set<std::string>> expected{{"P51", {"art6-1-e"}}, {"P52", {"art6-1-e"}}};
    for (const char* code : {"P53", "P54", "P55", "P56", "P57", "P58"})
        expected[code] = {"art6-1-a", "art6-1-b"};
    EXPECT_EQ(bases, expected);
    EXPECT_EQ(row("P51").purpose.group_code, "public-task");
    EXPECT_EQ(row("P58").purpose.group_code, "contract-or-consent");
    EXPECT_FALSE(row("P50").purpose.group_code.has_value());
    EXPECT_FALSE(row("P59").purpose.group_code.has_value());
    for (const auto& link : reg_->purpose_basis_links())
        EXPECT_NE(link.provenance.value_or("").find("annex"), std::string::npos);
}

TEST_F(CcbAnnex, LinksLegalSourcesNamedInPurposeTexts) {
    std::map<std::string, std::set<std::string>> sources;
    for (const auto& link : reg_->purpose_source_links())
        sources[link.purpose_code].insert(link.legal_source_code);
    EXPECT_EQ(sources["P03"], (std::set<std::string>{"be-nis2-law"}));
    EXPECT_EQ(sources["P25"], (std::set<std::string>{"be-cip-law-2011", "be-nis2-law"}));
    EXPECT_EQ(sources["P37"], (std::set<std::string>{"be-csa-law", "eu-2019-881"}));
    EXPECT_EQ(sources["P41"], (std::set<std::string>{"eu-2021-887"}));
    EXPECT_EQ(sources.count("P01"), 0u);
    std::set<std::string> catalogue;
    for (const auto& source : reg_->legal_sources())
        catalogue.insert(source.code);
    EXPECT_TRUE(catalogue.count("be-kb-2014-10-10")) << "acts cited by the statement are in the catalogue";
}

TEST_F(CcbAnnex, HasFrenchAndEnglishNamesFlaggedUnofficial) {
    for (const auto& purpose : reg_->purposes()) {
        ASSERT_EQ(purpose.name.size(), 3u) << purpose.code;
        EXPECT_EQ(purpose.name.at("nl").status, TextStatus::source) << purpose.code;
        EXPECT_EQ(purpose.name.at("fr").status, TextStatus::unofficial) << purpose.code;
        EXPECT_EQ(purpose.name.at("en").status, TextStatus::unofficial) << purpose.code;
        EXPECT_NE(purpose.name.at("fr").value, purpose.name.at("nl").value) << purpose.code;
    }
    for (const auto& category : reg_->data_categories())
        EXPECT_EQ(category.name.at("en").status, TextStatus::unofficial);
    EXPECT_EQ(pick_value(row("P03").purpose.name, "en"), "Overseeing the implementation of the NIS2 Act");
}

TEST_F(CcbAnnex, NamesTheControllerFromThePrivacyStatement) {
    const auto controller = reg_->controller();
    ASSERT_TRUE(controller);
    EXPECT_EQ(pick_value(controller->name, "en"), "Centre for Cybersecurity Belgium");
    EXPECT_NE(controller->address.value_or("").find("Wetstraat 18"), std::string::npos);
    EXPECT_TRUE(controller->is_public_authority);
    EXPECT_FALSE(controller->dpo_email.has_value()) << "not in the annex: left for the DPO to fill in";
}

TEST_F(CcbAnnex, SeedingTwiceChangesNothing) {
    const auto before = reg_->info();
    EXPECT_EQ(reg_->apply_seed("ccb-annex", {"test", "again"}), SeedOutcome::already_applied);
    const auto after = reg_->info();
    ASSERT_EQ(before.tables.size(), after.tables.size());
    for (std::size_t i = 0; i < before.tables.size(); ++i)
        EXPECT_EQ(before.tables[i].rows, after.tables[i].rows) << before.tables[i].table;
    EXPECT_EQ(after.seeds_applied, (std::vector<std::string>{"ccb-annex"}));
}

TEST(CcbAnnexSeed, UnknownSeedIsRefusedNamingTheAvailableOnes) {
    try {
        Register::seed_info("no-such-seed");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::not_found);
        EXPECT_NE(std::string(e.what()).find("ccb-annex"), std::string::npos);
    }
}

TEST(CcbAnnexSeed, RefusesARegisterThatAlreadyHasItsRecordsAndWritesNothing) {
    TempDir dir;
    auto reg = Register::create(dir / "a.db");
    reg.create(EntityKind::controller, std::nullopt, {{"name", LocalizedText{{"en", {"Other Ltd", TextStatus::source}}}}},
               {"t", "t"});
    const auto before = reg.info();
    const auto changes_before = reg.log().size();
    try {
        reg.apply_seed("ccb-annex", {"t", "t"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
    }
    const auto after = reg.info();
    for (std::size_t i = 0; i < before.tables.size(); ++i)
        EXPECT_EQ(before.tables[i].rows, after.tables[i].rows) << before.tables[i].table;
    EXPECT_EQ(reg.log().size(), changes_before);
}

// A seed adds its records beside those there; only its own codes conflict (D9), named by the
// file's path, and nothing is written.
TEST(CcbAnnexSeed, AddsBesideOtherRecordsAndRefusesOnlyItsOwnCodes) {
    TempDir dir;
    auto beside = Register::create(dir / "beside.db");
    beside.create(EntityKind::recipient, "AUDITOR",
                  {{"name", LocalizedText{{"en", {"External auditor", TextStatus::source}}}},
                   {"kind", std::string("external")}},
                  {"t", "t"});
    EXPECT_EQ(beside.apply_seed("ccb-annex", {"t", "t"}), SeedOutcome::applied);
    EXPECT_EQ(beside.list(EntityKind::purpose).size(), 63u);
    EXPECT_TRUE(beside.find(EntityKind::recipient, "AUDITOR").has_value());

    auto taken = Register::create(dir / "taken.db");
    taken.create(EntityKind::purpose, "P07", {{"name", LocalizedText{{"en", {"Our own purpose", TextStatus::source}}}}},
                 {"t", "t"});
    const auto before = taken.info();
    try {
        taken.apply_seed("ccb-annex", {"t", "t"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
        EXPECT_EQ(e.field(), "$.purposes[6]");
        EXPECT_NE(std::string(e.what()).find("\"P07\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("seed \"ccb-annex\""), std::string::npos) << e.what();
    }
    const auto after = taken.info();
    for (std::size_t i = 0; i < before.tables.size(); ++i)
        EXPECT_EQ(before.tables[i].rows, after.tables[i].rows) << before.tables[i].table;
    EXPECT_EQ(taken.get(EntityKind::purpose, "P07").fields.at("name"),
              FieldValue(LocalizedText{{"en", {"Our own purpose", TextStatus::source}}}));
}

// The seed file is an ordinary ropa-record (seed/README.md): imported as one by a user, it
// gives the register the seed gives, record for record and link for link.
TEST(CcbAnnexSeed, IsARopaRecordFileThatImportsAsTheSeedLoads) {
    TempDir dir;
    auto seeded = Register::create(dir / "seeded.db");
    seeded.apply_seed("ccb-annex", {"t", "t"});
    auto imported = Register::create(dir / "imported.db");
    const auto file = ropa::test::read_file(std::filesystem::path(ROPA_SOURCE_DIR) / "seed/ccb-annex.json");
    EXPECT_GT(imported.import_json(file, false, {"t", "t"}), 0u);
    const auto records = [](const Register& reg, EntityKind kind) {
        std::map<std::string, Fields> by_code;
        for (const auto& record : reg.list(kind))
            by_code[record.code.value_or("#" + std::to_string(record.id))] = record.fields;
        return by_code;
    };
    const auto links_of = [](const Register& reg, LinkKind kind) {
        std::vector<std::tuple<std::string, std::string, Fields>> out;
        for (const auto& link : reg.list_links(kind))
            out.emplace_back(link.from, link.to, link.fields);
        return out;
    };
    for (const auto& entity : entities())
        EXPECT_EQ(records(imported, entity.kind), records(seeded, entity.kind)) << entity.name;
    for (const auto& link : links())
        EXPECT_EQ(links_of(imported, link.kind), links_of(seeded, link.kind)) << link.name;
    EXPECT_EQ(links_of(seeded, LinkKind::purpose_data_category).size(), 111u);
    EXPECT_EQ(imported.info().seeds_applied, std::vector<std::string>{}) << "an import is no seed";
    EXPECT_EQ(Register::seed_info("ccb-annex").title.rfind("Centre for Cybersecurity Belgium", 0), 0u);
}

TEST(CcbAnnexSeed, WritesOutsideAChangeAreRefusedByTheRegisterItself) {
    TempDir dir;
    Register::create(dir / "a.db").apply_seed("ccb-annex", {"t", "t"});
    SQLite::Database raw(dir / "a.db", SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("DELETE FROM seed_applied"), SQLite::Exception);
    EXPECT_THROW(raw.exec("UPDATE purpose SET code = 'X' WHERE code = 'P01'"), SQLite::Exception);
    EXPECT_THROW(raw.exec("DELETE FROM row_history"), SQLite::Exception);
}

// An independent reading of the source: the sequence of tick / empty marks in the shared
// extraction, in file order, must equal the register's matrix read row by row (the
// statistics row has two cells in the source, read as columns 1 and 2).
TEST_F(CcbAnnex, MatchesTheMarksOfTheSourceExtractionInOrder) {
    const auto source = std::filesystem::path(ROPA_SOURCE_DIR) / "../shared/seeds/001_d75578f0928671d7.txt";
    if (!std::filesystem::exists(source))
        GTEST_SKIP() << "the shared seeds are not beside this checkout";
    const std::string text = ropa::test::read_file(source);
    const std::string tick = "\u2713", empty = "\uF0FB";
    std::string marks;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, tick.size(), tick) == 0) {
            marks += 'X';
            i += tick.size();
        } else if (text.compare(i, empty.size(), empty) == 0) {
            marks += '.';
            i += empty.size();
        } else {
            ++i;
        }
    }
    std::string from_register;
    for (const auto& r : matrix_.rows)
        for (std::size_t c = 0; c < (r.purpose.code == "P59" ? 2 : r.cells.size()); ++c)
            from_register += r.cells[c] ? 'X' : '.';
    EXPECT_EQ(marks.size(), 250u);
    EXPECT_EQ(from_register, marks);
}
