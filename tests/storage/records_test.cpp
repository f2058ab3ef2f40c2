// CRUD of every entity through the library, the conflict error, and the register's rules.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::en;
using ropa::test::TempDir;

namespace {

std::string text(const FieldValue& value) {
    return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : std::string();
}

// Every row of every table, in order: equal dumps mean the register did not change.
std::string dump(const std::filesystem::path& path) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    std::vector<std::string> tables;
    SQLite::Statement names(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (names.executeStep())
        tables.push_back(names.getColumn(0).getString());
    std::string out;
    for (const auto& table : tables) {
        SQLite::Statement rows(db, "SELECT * FROM \"" + table + "\"");
        out += "[" + table + "]\n";
        std::vector<std::string> lines;
        while (rows.executeStep()) {
            std::string line;
            for (int i = 0; i < rows.getColumnCount(); ++i)
                line += (rows.getColumn(i).isNull() ? std::string("NULL") : rows.getColumn(i).getString()) + "|";
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        for (const auto& line : lines)
            out += line + "\n";
    }
    return out;
}


std::string message_of(auto&& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

class Records : public ::testing::Test {
protected:
    void SetUp() override {
        reg_ = std::make_unique<Register>(Register::create(path_));
        ropa::test::build_complete_register(*reg_);
    }

    // Asserts that `write` is refused with `code` and changes nothing at all.
    void expect_refused(Errc code, const std::function<void()>& write, const std::string& needle = "") {
        const auto before = dump(path_);
        std::string message;
        Errc got = Errc::internal;
        try {
            write();
        } catch (const Error& e) {
            got = e.code();
            message = e.what();
        }
        EXPECT_EQ(got, code) << message;
        if (!needle.empty()) {
            EXPECT_NE(message.find(needle), std::string::npos) << message;
        }
        EXPECT_EQ(dump(path_), before) << "a refused write must leave the register as it was";
    }

    TempDir dir_;
    std::filesystem::path path_ = dir_ / "r.db";
    std::unique_ptr<Register> reg_;
};

// The smallest valid fields for a new record of each entity (controller excluded: it
// exists in the complete register).
Fields minimal_fields(EntityKind kind) {
    switch (kind) {
    case EntityKind::party: return {{"name", std::string("Partner org")}};
    case EntityKind::processor: return {{"name", std::string("Cloud host")}};
    case EntityKind::legal_basis:
        return {{"article", std::string("Art. 8 national law")}, {"kind", std::string("lawfulness")},
                {"name", en("National basis")}};
    case EntityKind::transfer_tool: return {{"article", std::string("Art. 46(3)(a)")}, {"name", en("Ad hoc clauses")}};
    case EntityKind::legal_source:
        return {{"title", en("Act on examples")}, {"jurisdiction", std::string("BE")}};
    case EntityKind::purpose_group: return {{"name", en("Group")}};
    case EntityKind::purpose: return {{"name", en("New purpose")}};
    case EntityKind::data_category: return {{"name", en("New category")}};
    case EntityKind::data_subject: return {{"name", en("Visitors")}};
    case EntityKind::recipient: return {{"name", en("Auditors")}, {"kind", std::string("external")}};
    case EntityKind::transfer:
        return {{"country", std::string("CH")}, {"transfer_tool", std::string("art45")}};  // adequacy decision
    case EntityKind::measure_type: return {{"name", en("Custom type")}};
    case EntityKind::security_measure:
        return {{"type", std::string("backup")}, {"name", en("Nightly backups")}};
    case EntityKind::retention:
        return {{"activity", std::string("PAYROLL")}, {"data_category", std::string("BANK")},
                {"criteria", en("until the account is closed")}};
    case EntityKind::activity: return {{"name", en("Draft activity")}};
    case EntityKind::controller: break;
    }
    return {};
}

}  // namespace

TEST_F(Records, EveryEntityCanBeCreatedReadListedUpdatedAndRemoved) {
    for (const auto& entity : entities()) {
        if (entity.kind == EntityKind::controller)
            continue;
        SCOPED_TRACE(entity.name);
        const std::optional<std::string> code =
            entity.has_code ? std::optional<std::string>("NEW-" + entity.name) : std::nullopt;
        const Record created = reg_->create(entity.kind, code, minimal_fields(entity.kind), change);
        EXPECT_EQ(created.revision, 1);
        const std::string ref = code ? *code : "#" + std::to_string(created.id);
        EXPECT_EQ(reg_->get(entity.kind, ref).id, created.id);
        EXPECT_EQ(reg_->get(entity.kind, "#" + std::to_string(created.id)).id, created.id);
        const auto listed = reg_->list(entity.kind);
        EXPECT_TRUE(std::any_of(listed.begin(), listed.end(), [&](const auto& r) { return r.id == created.id; }));

        // update the first optional string or text field there is, else the first text field
        Fields change_fields;
        if (entity.kind == EntityKind::transfer)  // its first string field would make it leave the EEA
            change_fields["safeguards_documentation"] = std::string("changed");
        for (const auto& field : entity.fields)
            if (change_fields.empty())
            if ((!field.required || field.type == FieldType::text) &&
                (field.type == FieldType::string || field.type == FieldType::text)) {
                change_fields[field.name] = field.type == FieldType::text ? FieldValue(en("changed"))
                                                                          : FieldValue(std::string("changed"));
                break;
            }
        ASSERT_FALSE(change_fields.empty());
        const Record updated = reg_->update(entity.kind, ref, change_fields, created.revision, change);
        EXPECT_EQ(updated.revision, 2);
        EXPECT_EQ(updated.fields.at(change_fields.begin()->first), change_fields.begin()->second);

        reg_->remove(entity.kind, ref, change);
        EXPECT_FALSE(reg_->find(entity.kind, ref).has_value());
        EXPECT_EQ(ropa::test::error_code_of([&] { reg_->get(entity.kind, ref); }), Errc::not_found);
    }
}

TEST_F(Records, ControllerIsReadAndEditedAsTheOneRecordOfItsKind) {
    auto controller = reg_->get(EntityKind::controller, "#1");
    EXPECT_EQ(std::get<std::string>(controller.fields.at("dpo_email")), "dpo@example.org");
    reg_->update(EntityKind::controller, "#1", {{"phone", std::string("+32 2 000 00 00")}}, std::nullopt, change);
    EXPECT_EQ(reg_->controller()->phone, "+32 2 000 00 00");
    expect_refused(Errc::conflict, [&] {
        reg_->create(EntityKind::controller, std::nullopt, {{"name", en("Second controller")}}, change);
    });
}

TEST_F(Records, TextMergesByLanguageAndKeepsTranslationStatus) {
    reg_->update(EntityKind::purpose, "HR-PAY", {{"name", LocalizedText{{"fr", {"Payer le personnel", TextStatus::unofficial}}}}},
                 std::nullopt, change);
    const auto purpose = reg_->get(EntityKind::purpose, "HR-PAY");
    const auto& name = std::get<LocalizedText>(purpose.fields.at("name"));
    EXPECT_EQ(name.at("en").value, "Paying staff");
    EXPECT_EQ(name.at("fr").status, TextStatus::unofficial);
}

TEST_F(Records, ListFiltersByStatusPurposeCategoryAndText) {
    reg_->create(EntityKind::activity, "DRAFT-1", {{"name", en("Something else")}}, change);
    EXPECT_EQ(reg_->list(EntityKind::activity, {.status = "active"}).size(), 1u);
    EXPECT_EQ(reg_->list(EntityKind::activity, {.purpose = "HR-PAY"}).size(), 1u);
    EXPECT_EQ(reg_->list(EntityKind::activity, {.data_category = "BANK"}).size(), 1u);
    EXPECT_EQ(reg_->list(EntityKind::activity, {.search = "payr"}).size(), 1u);
    EXPECT_EQ(reg_->list(EntityKind::activity, {.search = "%"}).size(), 0u) << "LIKE wildcards are literal";
    EXPECT_EQ(reg_->list(EntityKind::data_category, {.purpose = "HR-PAY"}).size(), 2u);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg_->list(EntityKind::recipient, {.status = "active"}); }), Errc::validation);
}

TEST_F(Records, StaleRevisionIsAConflictAndChangesNothing) {
    reg_->update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, 1, change);
    expect_refused(Errc::conflict, [&] {
        reg_->update(EntityKind::activity, "PAYROLL", {{"owner", std::string("Finance")}}, 1, change);
    }, "revision 2, not 1");
}

TEST_F(Records, Rule1_CategoriesAndBasesMustBeAllowedForAPurpose) {
    reg_->create(EntityKind::data_category, "HEALTH", {{"name", en("Health")}, {"is_special", true}}, change);
    expect_refused(Errc::rule_violation,
                   [&] { reg_->link({LinkKind::activity_data_category, "PAYROLL", "HEALTH", {}}, change); },
                   "Art. 5(1)(b)");
    expect_refused(Errc::rule_violation,
                   [&] { reg_->link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-a", {}}, change); },
                   "legal basis art6-1-a is not allowed");
    // and an approved activity without purposes cannot take data at all
    expect_refused(Errc::rule_violation, [&] {
        reg_->write(change, [](Writer& w) {
            w.create(EntityKind::activity, "NEW", {{"name", en("New")}, {"status", std::string("active")}});
            w.link({LinkKind::activity_data_category, "NEW", "IDENT", {}});
        });
    }, "it has none");
}

TEST_F(Records, Rule2_SpecialDataNeedsArt9AndCriminalDataNeedsArt10WithASource) {
    reg_->write(change, [](Writer& w) {
        w.create(EntityKind::data_category, "HEALTH", {{"name", en("Sick notes")}, {"is_special", true}});
        w.create(EntityKind::data_category, "RECORD", {{"name", en("Criminal record")}, {"is_criminal", true}});
        w.create(EntityKind::legal_source, "LABOUR-LAW", {{"title", en("Labour Act")}, {"jurisdiction", std::string("BE")}});
        for (const char* category : {"HEALTH", "RECORD"})
            w.link({LinkKind::purpose_data_category, "HR-PAY", category, {}});
        w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art9-2-b", {}});
        w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art10", {}});
    });
    expect_refused(Errc::rule_violation,
                   [&] { reg_->link({LinkKind::activity_data_category, "PAYROLL", "HEALTH", {}}, change); },
                   "Art. 9(2)");
    reg_->write(change, [](Writer& w) {
        w.link({LinkKind::activity_legal_basis, "PAYROLL", "art9-2-b", {}});
        w.link({LinkKind::activity_data_category, "PAYROLL", "HEALTH", {}});
    });
    expect_refused(Errc::rule_violation, [&] {
        reg_->write(change, [](Writer& w) {
            w.link({LinkKind::activity_legal_basis, "PAYROLL", "art10", {}});  // no legal source
            w.link({LinkKind::activity_data_category, "PAYROLL", "RECORD", {}});
        });
    }, "Art. 10");
    reg_->write(change, [](Writer& w) {
        w.link({LinkKind::activity_legal_basis, "PAYROLL", "art10", {{"legal_sources", Codes{"LABOUR-LAW"}}}});
        w.link({LinkKind::activity_data_category, "PAYROLL", "RECORD", {}});
    });
    EXPECT_EQ(reg_->list_links(LinkKind::activity_data_category, std::string("PAYROLL")).size(), 4u);
}

TEST_F(Records, Rule3_TransfersOutsideTheEeaNeedAToolAndArt49SecondSubparagraphNeedsSafeguards) {
    // A transfer is recorded as it is; an approved activity cannot use it while it lacks a
    // tool, or the documented safeguards Art. 49(1) second subparagraph asks for.
    reg_->create(EntityKind::transfer, "US-NOTOOL", {{"country", std::string("US")}}, change);
    expect_refused(Errc::rule_violation,
                   [&] { reg_->link({LinkKind::activity_transfer, "PAYROLL", "US-NOTOOL", {}}, change); },
                   "needs a transfer tool");
    reg_->create(EntityKind::transfer, "US-49",
                 {{"country", std::string("US")}, {"transfer_tool", std::string("art49-1-2")}}, change);
    expect_refused(Errc::rule_violation,
                   [&] { reg_->link({LinkKind::activity_transfer, "PAYROLL", "US-49", {}}, change); }, "safeguards");
    reg_->create(EntityKind::transfer, "US-HOST",
                 {{"country", std::string("US")}, {"transfer_tool", std::string("art46-2-c")}}, change);
    // Within the EEA there is no transfer to record (Art. 44): refused as a value, naming the field.
    expect_refused(Errc::validation,
                   [&] { reg_->create(EntityKind::transfer, "NO-HOST", {{"country", std::string("NO")}}, change); },
                   "NO is in the EEA");
    reg_->link({LinkKind::activity_transfer, "PAYROLL", "US-HOST", {}}, change);
    expect_refused(Errc::rule_violation, [&] {
        reg_->update(EntityKind::transfer, "US-HOST", {{"transfer_tool", std::monostate{}}}, std::nullopt, change);
    }, "needs a transfer tool");
}

TEST_F(Records, Rule4_WhatAnActivityUsesCannotBeRemoved) {
    expect_refused(Errc::rule_violation, [&] { reg_->remove(EntityKind::purpose, "HR-PAY", change); }, "PAYROLL");
    expect_refused(Errc::rule_violation, [&] { reg_->remove(EntityKind::data_category, "BANK", change); }, "PAYROLL");
    expect_refused(Errc::rule_violation, [&] { reg_->remove(EntityKind::recipient, "BANKS", change); }, "PAYROLL");
    expect_refused(Errc::rule_violation,
                   [&] { reg_->unlink(LinkKind::purpose_data_category, "HR-PAY", "BANK", change); }, "PAYROLL");
    expect_refused(Errc::rule_violation,
                   [&] { reg_->unlink(LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-b", change); }, "PAYROLL");
    // Once the activity stops using it, it can go.
    reg_->unlink(LinkKind::activity_data_category, "PAYROLL", "BANK", change);
    reg_->unlink(LinkKind::purpose_data_category, "HR-PAY", "BANK", change);
    reg_->remove(EntityKind::activity, "PAYROLL", change);
    reg_->remove(EntityKind::purpose, "HR-PAY", change);
    EXPECT_FALSE(reg_->find(EntityKind::purpose, "HR-PAY"));
}

TEST_F(Records, Rule5_CodesTextAndDatesAreValidated) {
    expect_refused(Errc::conflict,
                   [&] { reg_->create(EntityKind::purpose, "HR-PAY", {{"name", en("Duplicate")}}, change); });
    expect_refused(Errc::validation, [&] { reg_->create(EntityKind::purpose, "X", {{"name", en("")}}, change); },
                   "purpose.name.en");
    expect_refused(Errc::validation,
                   [&] { reg_->create(EntityKind::purpose, "X", {{"name", en("bad \xC3\x28")}}, change); }, "UTF-8");
    expect_refused(Errc::validation,
                   [&] { reg_->create(EntityKind::purpose, "X", {{"name", en(std::string(3000, 'a'))}}, change); },
                   "limit is 2000");
    expect_refused(Errc::validation, [&] { reg_->create(EntityKind::purpose, "has space", {{"name", en("x")}}, change); });
    expect_refused(Errc::validation, [&] { reg_->create(EntityKind::purpose, "X", {}, change); }, "purpose.name: is required");
    expect_refused(Errc::validation,
                   [&] { reg_->create(EntityKind::purpose, "X", {{"name", en("x")}, {"colour", std::string("red")}}, change); },
                   "not a field");
    expect_refused(Errc::validation, [&] {
        reg_->update(EntityKind::activity, "PAYROLL", {{"end_date", std::string("2026-02-30")}}, std::nullopt, change);
    }, "not a valid date");
    expect_refused(Errc::validation, [&] {
        reg_->update(EntityKind::activity, "PAYROLL", {{"end_date", std::string("2019-12-31")}}, std::nullopt, change);
    }, "before the start date");
    expect_refused(Errc::validation, [&] {
        reg_->update(EntityKind::activity, "PAYROLL", {{"status", std::string("paused")}}, std::nullopt, change);
    }, "must be one of");
    expect_refused(Errc::validation, [&] {
        reg_->update(EntityKind::activity, "PAYROLL", {{"role", std::string("processor")}}, std::nullopt, change);
    }, "Art. 30(2)(a)");
    expect_refused(Errc::not_found, [&] {
        reg_->create(EntityKind::purpose, "X", {{"name", en("x")}, {"group", std::string("NO-SUCH")}}, change);
    });
    expect_refused(Errc::validation, [&] { reg_->create(EntityKind::purpose, "X", {{"name", en("x")}}, {"", "no actor"}); });
    // Text that looks like SQL is stored literally.
    reg_->create(EntityKind::purpose, "X", {{"name", en("x'); DROP TABLE purpose; --")}}, change);
    EXPECT_EQ(pick_value(std::get<LocalizedText>(reg_->get(EntityKind::purpose, "X").fields.at("name")), "en"),
              "x'); DROP TABLE purpose; --");
}

TEST_F(Records, CheckPassesCleanOnACompleteRegister) {
    const auto report = reg_->check();
    for (const auto& f : report.findings)
        ADD_FAILURE() << f.subject << " " << f.article << " " << f.message;
    EXPECT_EQ(report.activities_checked, 1u);
    // the controller's name and contact, its DPO, and the activity's six items (no transfers:
    // none is recorded and none is called for)
    EXPECT_EQ(report.completeness.items, 8u);
    EXPECT_EQ(report.completeness.present, 8u);
    EXPECT_EQ(report.completeness.percent(), 100);
    EXPECT_EQ(report.completeness.complete_activities, 1u);
    EXPECT_TRUE(report.completeness.incomplete.empty());
}

// The completeness figure says which Art. 30 items each record lacks, by article, and counts
// what is there: one incomplete activity among complete ones, a processor's record against
// Art. 30(2), a controller without its DPO's contact.
TEST_F(Records, CompletenessNamesTheItemsEachRecordLacksByArticle) {
    reg_->write(change, [](Writer& w) {
        w.create(EntityKind::activity, "HALF", {{"name", en("Half recorded")}});
        w.link({LinkKind::activity_purpose, "HALF", "HR-PAY", {}});
        w.link({LinkKind::activity_data_category, "HALF", "IDENT", {}});
        w.link({LinkKind::activity_data_category, "HALF", "BANK", {}});
        w.create(EntityKind::retention, std::nullopt, {{"activity", std::string("HALF")},
                                                       {"data_category", std::string("IDENT")},
                                                       {"duration_value", std::int64_t{1}},
                                                       {"duration_unit", std::string("year")}});
        w.create(EntityKind::party, "CLIENT", {{"name", std::string("Client SA")}});
        w.create(EntityKind::activity, "HOSTING", {{"name", en("Hosting")}, {"role", std::string("processor")},
                                                    {"on_behalf_of_party", std::string("CLIENT")},
                                                    {"description", en("Hosting the client's files")}});
        w.update(EntityKind::controller, "#1", {{"dpo_email", std::monostate{}}, {"is_public_authority", true}});
    });
    auto completeness = reg_->check().completeness;
    ASSERT_EQ(completeness.incomplete.size(), 3u);
    EXPECT_EQ(completeness.incomplete[0].subject, "controller");
    EXPECT_EQ(completeness.incomplete[0].missing,
              std::vector<std::string>{"Art. 30(1)(a): name and contact details of the data protection officer"});
    EXPECT_EQ(completeness.incomplete[1].subject, "activity:HALF");
    EXPECT_EQ(completeness.incomplete[1].items, 6u);    // no transfers recorded, none called for
    EXPECT_EQ(completeness.incomplete[1].present, 2u);  // purposes, data categories
    EXPECT_EQ(completeness.incomplete[1].missing,
              (std::vector<std::string>{"Art. 30(1)(c): categories of data subjects",
                                        "Art. 30(1)(d): categories of recipients",
                                        "Art. 30(1)(f): time limits for erasure",  // BANK has none
                                        "Art. 30(1)(g): technical and organisational security measures"}));
    EXPECT_EQ(completeness.incomplete[2].subject, "activity:HOSTING");
    EXPECT_EQ(completeness.incomplete[2].items, 3u);
    EXPECT_EQ(completeness.incomplete[2].missing,
              (std::vector<std::string>{"Art. 30(2)(a): name and contact details of the controller it acts for",
                                        "Art. 30(2)(d): technical and organisational security measures"}));
    EXPECT_EQ(completeness.complete_activities, 1u);  // PAYROLL
    EXPECT_EQ(completeness.items, 2u + 6u + 6u + 3u);
    EXPECT_EQ(completeness.present, 1u + 6u + 2u + 1u);
    EXPECT_EQ(completeness.percent(), 10 * 100 / 17);
    // "No recipients", confirmed, is the Art. 30(1)(d) item answered; the client's contact
    // details answer Art. 30(2)(a).
    reg_->write(change, [](Writer& w) {
        w.update(EntityKind::activity, "HALF", {{"no_recipients", true}});
        w.update(EntityKind::party, "CLIENT", {{"contact", std::string("privacy@client.example")}});
    });
    completeness = reg_->check().completeness;
    EXPECT_EQ(completeness.incomplete[1].present, 3u);
    EXPECT_EQ(completeness.incomplete[2].missing,
              std::vector<std::string>{"Art. 30(2)(d): technical and organisational security measures"});
    reg_->update(EntityKind::activity, "HALF", {{"no_recipients", std::monostate{}}}, std::nullopt, change);
    // A recipient outside the EEA makes transfers an item of the activity's record, missing
    // until one is recorded.
    reg_->write(change, [](Writer& w) {
        w.create(EntityKind::recipient, "US-CLOUD", {{"name", en("Cloud provider")}, {"kind", std::string("external")},
                                                     {"location", std::string("third_country")}});
        w.link({LinkKind::activity_recipient, "HALF", "US-CLOUD", {}});
    });
    completeness = reg_->check().completeness;
    ASSERT_EQ(completeness.incomplete[1].subject, "activity:HALF");
    EXPECT_EQ(completeness.incomplete[1].items, 7u);
    EXPECT_EQ(completeness.incomplete[1].missing[1],
              "Art. 30(1)(e): transfers to third countries or international organisations");
}

TEST_F(Records, CheckReportsMissingItemsByArticle) {
    reg_->write(change, [](Writer& w) {
        w.create(EntityKind::activity, "EMPTY", {{"name", en("Nothing yet")}, {"dpia_required", true}});
        w.update(EntityKind::activity, "PAYROLL", {{"end_date", std::string("2021-01-01")}});
        w.update(EntityKind::controller, "#1", {{"is_public_authority", true}});
        w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-f", {}});
        w.link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-f", {}});
    });
    const auto report = reg_->check();
    auto has = [&](const std::string& subject, const std::string& article, Severity severity) {
        return std::any_of(report.findings.begin(), report.findings.end(), [&](const auto& f) {
            return f.subject == subject && f.article == article && f.severity == severity;
        });
    };
    EXPECT_TRUE(has("activity:EMPTY", "Art. 30(1)(b)", Severity::error));
    EXPECT_TRUE(has("activity:EMPTY", "Art. 30(1)(c)", Severity::error));
    EXPECT_TRUE(has("activity:EMPTY", "Art. 30(1)(d)", Severity::warning));
    EXPECT_TRUE(has("activity:EMPTY", "Art. 30(1)(g)", Severity::warning));
    EXPECT_TRUE(has("activity:EMPTY", "Art. 35", Severity::warning));
    EXPECT_TRUE(has("activity:PAYROLL", "Art. 6(1) last sentence", Severity::warning));
    EXPECT_TRUE(has("activity:PAYROLL", "Art. 30(1)", Severity::warning));  // active past its end date
    EXPECT_EQ(report.count(Severity::error), 4u);  // (b), (c) subjects, (c) data, no legal basis
}

TEST(Check, ProcessorActivitiesAreCheckedAgainstArt30_2) {
    TempDir dir;
    auto reg = Register::create(dir / "p.db");
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::controller, std::nullopt, {{"name", en("Processor Ltd")}, {"email", std::string("a@b.c")},
                                                         {"dpo_email", std::string("dpo@b.c")}});
        w.create(EntityKind::party, "CLIENT", {{"name", std::string("Client SA")}});
        w.create(EntityKind::activity, "HOSTING", {{"name", en("Hosting")}, {"role", std::string("processor")},
                                                    {"on_behalf_of_party", std::string("CLIENT")}});
    });
    const auto report = reg.check();
    std::vector<std::string> articles;
    for (const auto& finding : report.findings)
        articles.push_back(finding.article);
    // (b) is the one a processor's record cannot do without: approving it waits for it.
    EXPECT_EQ(articles,
              (std::vector<std::string>{"Art. 30(2)(b)", "Art. 30(2)(a)", "Art. 30(2)(d)", "Art. 5(2), 24(1)"}));
    EXPECT_EQ(ropa::test::error_code_of([&] {
                  reg.update(EntityKind::activity, "HOSTING", {{"status", std::string("active")}}, std::nullopt, change);
              }),
              Errc::rule_violation);
    reg.update(EntityKind::activity, "HOSTING", {{"description", en("Hosting the client's case files")}}, std::nullopt,
               change);
    reg.update(EntityKind::activity, "HOSTING", {{"status", std::string("active")}}, std::nullopt, change);
    ASSERT_EQ(reg.check().findings.size(), 2u);
    EXPECT_EQ(reg.check().findings[0].code, "acting-for-contact-missing");
    reg.update(EntityKind::party, "CLIENT", {{"address", std::string("1 Rue de la Loi, Brussels")}}, std::nullopt, change);
    ASSERT_EQ(reg.check().findings.size(), 1u);
    EXPECT_EQ(reg.check().findings[0].article, "Art. 30(2)(d)");
}

TEST(Check, OnTheSeededAnnexListsExactlyThePurposesWithoutABasis) {
    TempDir dir;
    auto reg = Register::create(dir / "ccb.db");
    reg.apply_seed("ccb-annex", change);
    const auto report = reg.check();
    std::vector<std::string> without_basis;
    for (const auto& f : report.findings)
        if (f.subject.rfind("purpose:", 0) == 0)
            without_basis.push_back(f.subject.substr(8));
    std::vector<std::string> expected;
    for (int i = 1; i <= 63; ++i)
        if (i < 51 || i > 58)
            expected.push_back((i < 10 ? "P0" : "P") + std::to_string(i));
    EXPECT_EQ(without_basis, expected);
    EXPECT_EQ(report.count(Severity::error), 1u);  // the DPO: the annex does not name one
    EXPECT_EQ(report.findings.front().subject, "controller");
}

namespace {

// A record or link as text, every field included, so two reads can be compared whole.
std::string printed(const FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value))
        return "\"" + *text + "\"";
    if (const auto* number = std::get_if<std::int64_t>(&value))
        return std::to_string(*number);
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? "true" : "false";
    if (const auto* text = std::get_if<LocalizedText>(&value)) {
        std::string out = "{";
        for (const auto& [lang, translation] : *text)
            out += lang + ":" + translation.value + "/" + std::string(to_string(translation.status)) + ";";
        return out + "}";
    }
    return "null";
}

std::string printed(const Fields& fields) {
    std::string out;
    for (const auto& [name, value] : fields)
        out += " " + name + "=" + printed(value);
    return out;
}

std::string printed(const Record& record) {
    return "#" + std::to_string(record.id) + " " + record.code.value_or("-") + " r" + std::to_string(record.revision) +
           printed(record.fields) + "\n";
}

std::string printed(const std::vector<Link>& links) {
    std::string out;
    for (const auto& link : links)
        out += link.from + "->" + link.to + printed(link.fields) + "\n";
    return out;
}

} // namespace

// for_each_activity reads one query per table side by side in activity-code order; each
// activity must come with exactly what reading it record by record gives, whatever order the
// activities, their links and their retention rows were written in.
TEST(ActivityStream, GivesWhatReadingEachActivityGives) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::legal_source, "LAW1", {{"title", en("Payroll act")}, {"jurisdiction", std::string("BE")}});
        w.create(EntityKind::party, "CLIENT", {{"name", std::string("Client SA")}, {"country", std::string("FR")}});
        for (const std::string code : {"Z-LAST", "A-FIRST", "M-MIDDLE", "B-BARE"})  // codes against creation order
            w.create(EntityKind::activity, code,
                     {{"name", en("Activity " + code)},
                      {"description", LocalizedText{{"en", {"About " + code, TextStatus::source}},
                                                    {"nl", {"Over " + code, TextStatus::unofficial}}}}});
        w.link({LinkKind::activity_purpose, "Z-LAST", "HR-PAY", {}});
        w.link({LinkKind::activity_purpose, "A-FIRST", "HR-PAY", {}});
        w.link({LinkKind::activity_data_category, "Z-LAST", "IDENT", {}});
        w.link({LinkKind::activity_data_category, "A-FIRST", "BANK", {}});
        w.link({LinkKind::activity_data_category, "Z-LAST", "BANK", {}});
        w.link({LinkKind::activity_legal_basis, "Z-LAST", "art6-1-b", {{"legal_sources", Codes{"LAW1"}}}});
        w.link({LinkKind::activity_joint_controller, "A-FIRST", "CLIENT", {{"responsibilities", std::string("pays")}}});
        w.link({LinkKind::activity_recipient, "M-MIDDLE", "BANKS", {}});
        // retention rows interleaved across activities, with and without texts
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("Z-LAST")}, {"data_category", std::string("IDENT")},
                  {"duration_value", std::int64_t{2}}, {"duration_unit", std::string("year")}});
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("A-FIRST")}, {"criteria", en("until the contract ends")}});
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("Z-LAST")}, {"criteria", en("as long as needed")},
                  {"justification", en("accounting law")}});
    });

    std::vector<ActivityRecord> streamed;
    reg.for_each_activity([&](const ActivityRecord& activity) { streamed.push_back(activity); });

    std::vector<std::string> codes;
    for (const auto& activity : streamed) {
        const std::string code = *activity.activity.code;
        codes.push_back(code);
        EXPECT_EQ(printed(activity.activity), printed(reg.get(EntityKind::activity, code))) << code;
        for (const auto& link : links()) {
            if (link.from != EntityKind::activity)
                continue;
            EXPECT_EQ(printed(activity.links_of(link.kind)), printed(reg.list_links(link.kind, code)))
                << code << " " << link.name;
        }
        std::string retention, expected_retention;
        for (const auto& row : activity.retention)
            retention += printed(row);
        for (const auto& row : reg.list(EntityKind::retention))
            if (std::get<std::string>(row.fields.at("activity")) == code)
                expected_retention += printed(row);
        EXPECT_EQ(retention, expected_retention) << code;
        // the same rows by the filter, and the same activity read alone
        std::string filtered;
        RecordFilter of_activity;
        of_activity.activity = code;
        for (const auto& row : reg.list(EntityKind::retention, of_activity))
            filtered += printed(row);
        EXPECT_EQ(filtered, expected_retention) << code;
        const auto alone = reg.activity_record(code);
        EXPECT_EQ(printed(alone.activity), printed(activity.activity)) << code;
        std::string alone_retention;
        for (const auto& row : alone.retention)
            alone_retention += printed(row);
        EXPECT_EQ(alone_retention, retention) << code;
        for (const auto& link : links()) {
            if (link.from == EntityKind::activity) {
                EXPECT_EQ(printed(alone.links_of(link.kind)), printed(activity.links_of(link.kind))) << code;
            }
        }
    }
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.activity_record("NO-SUCH"); }), Errc::not_found);
    RecordFilter wrong;
    wrong.activity = "PAYROLL";
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.list(EntityKind::purpose, wrong); }), Errc::validation);
    EXPECT_EQ(codes, (std::vector<std::string>{"A-FIRST", "B-BARE", "M-MIDDLE", "PAYROLL", "Z-LAST"}));
    EXPECT_EQ(streamed.back().retention.size(), 2u);
    EXPECT_EQ(streamed.back().links_of(LinkKind::activity_data_category).size(), 2u);
}

// check reports the controller first, then the register as a whole, then the purposes; with no
// activity the register itself is flagged, and only then.
TEST(Check, OrdersFindingsControllerRegisterPurposesAndFlagsARegisterWithoutActivities) {
    TempDir dir;
    auto bare = Register::create(dir / "bare.db");
    auto report = bare.check();
    ASSERT_EQ(report.findings.size(), 2u);
    EXPECT_EQ(report.findings[0].subject, "controller");
    EXPECT_NE(report.findings[0].message.find("no controller"), std::string::npos);
    EXPECT_EQ(report.findings[1].subject, "register");
    EXPECT_NE(report.findings[1].message.find("no processing activities"), std::string::npos);
    EXPECT_EQ(report.activities_checked, 0u);

    auto seeded = Register::create(dir / "ccb.db");
    seeded.apply_seed("ccb-annex", change);
    report = seeded.check();
    ASSERT_GE(report.findings.size(), 3u);
    EXPECT_EQ(report.findings[0].subject, "controller");  // the annex names no DPO
    EXPECT_EQ(report.findings[1].subject, "register");
    for (std::size_t i = 2; i < report.findings.size(); ++i)
        EXPECT_EQ(report.findings[i].subject.rfind("purpose:", 0), 0u) << report.findings[i].subject;

    ropa::test::build_complete_register_on_seed(seeded);
    report = seeded.check();
    EXPECT_GE(report.activities_checked, 1u);
    for (const auto& finding : report.findings)
        EXPECT_NE(finding.subject, "register") << finding.message;
}

// One retention row per activity and data category: a second "all data" row was accepted (the
// UNIQUE index does not see NULLs), and a second row for one category gave SQLite's raw text.
TEST_F(Records, OneRetentionRowPerActivityAndCategoryAllDataIncluded) {
    const auto row = [](const std::optional<std::string>& category) {
        Fields fields{{"activity", std::string("PAYROLL")}, {"duration_value", std::int64_t{3}},
                      {"duration_unit", std::string("year")}};
        if (category)
            fields["data_category"] = *category;
        return fields;
    };
    expect_refused(Errc::conflict, [&] { reg_->create(EntityKind::retention, std::nullopt, row(std::nullopt), change); },
                   "already has a retention row for all its data (#1)");
    const auto bank = reg_->create(EntityKind::retention, std::nullopt, row("BANK"), change);
    expect_refused(Errc::conflict, [&] { reg_->create(EntityKind::retention, std::nullopt, row("BANK"), change); },
                   "for data category BANK");
    // Moving a row onto another's category is the same conflict; moving it to a free one is not.
    expect_refused(Errc::conflict, [&] {
        reg_->update(EntityKind::retention, "#" + std::to_string(bank.id), {{"data_category", std::monostate{}}},
                     std::nullopt, change);
    }, "all its data");
    EXPECT_NO_THROW(reg_->update(EntityKind::retention, "#" + std::to_string(bank.id),
                                 {{"data_category", std::string("IDENT")}}, std::nullopt, change));
}

// The record must be true first (issue: recording real registers): a draft records processing
// as it happens even where it breaks the rules, check reports every break, and approval (the
// move to active) is refused while any rule is broken, naming each with its article.
TEST_F(Records, DraftsRecordRealityAndApprovalEnforcesTheRules) {
    reg_->write(change, [](Writer& w) {
        w.create(EntityKind::data_category, "HEALTH", {{"name", en("Sick notes")}, {"is_special", true}});
        w.create(EntityKind::data_category, "BIO", {{"name", en("Fingerprints")}, {"is_special", true}});
        w.link({LinkKind::purpose_data_category, "HR-PAY", "HEALTH", {}});
    });
    // No Art. 9(2) condition, and a category the purpose does not allow: recorded all the same.
    reg_->write(change, [](Writer& w) {
        w.create(EntityKind::activity, "SICK", {{"name", en("Sick leave")}});
        w.link({LinkKind::activity_purpose, "SICK", "HR-PAY", {}});
        w.link({LinkKind::activity_legal_basis, "SICK", "art6-1-b", {}});
        w.link({LinkKind::activity_data_category, "SICK", "HEALTH", {}});
        w.link({LinkKind::activity_data_category, "SICK", "BIO", {}});
    });
    EXPECT_EQ(text(reg_->get(EntityKind::activity, "SICK").fields.at("status")), "draft");
    // Not even whose data: recorded, and the approval will wait for that too.
    EXPECT_EQ(reg_->get(EntityKind::activity, "SICK").revision, 1);
    const auto report = reg_->check();
    std::set<std::string> articles;
    for (const auto& finding : report.findings)
        if (finding.subject == "activity:SICK" && finding.severity == Severity::error)
            articles.insert(finding.article);
    EXPECT_TRUE(articles.count("Art. 9(2)")) << articles.size();
    EXPECT_TRUE(articles.count("Art. 5(1)(b)")) << articles.size();
    // In review, still recorded as it is.
    reg_->update(EntityKind::activity, "SICK", {{"status", std::string("in_review")}}, std::nullopt, change);
    // Approval is refused naming every broken rule, and nothing changes.
    std::string message;
    expect_refused(Errc::rule_violation, [&] {
        reg_->update(EntityKind::activity, "SICK", {{"status", std::string("active")}}, std::nullopt, change);
    }, "Art. 9(2)");
    try {
        reg_->update(EntityKind::activity, "SICK", {{"status", std::string("active")}}, std::nullopt, change);
    } catch (const Error& e) {
        message = e.what();
    }
    EXPECT_NE(message.find("Art. 5(1)(b)"), std::string::npos) << message;
    EXPECT_NE(message.find("(Art. 30 record incomplete, Art. 30(1)(c)) activity SICK: no category of data subjects"),
              std::string::npos)
        << message;
    // Fixed, it is approved: by the change's actor, now, for its reason, reviewed in a year.
    reg_->write(change, [](Writer& w) {
        w.unlink(LinkKind::activity_data_category, "SICK", "BIO");
        w.link({LinkKind::activity_data_subject, "SICK", "STAFF", {}});
        w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art9-2-b", {}});
        w.link({LinkKind::activity_legal_basis, "SICK", "art9-2-b", {}});
    });
    const auto approved = reg_->update(EntityKind::activity, "SICK", {{"status", std::string("active")}}, std::nullopt,
                                       {"dpo", "reviewed with HR"});
    EXPECT_EQ(text(approved.fields.at("approved_by")), "dpo");
    EXPECT_EQ(text(approved.fields.at("approval_reason")), "reviewed with HR");
    EXPECT_EQ(text(approved.fields.at("approved_at")).size(), 24u);  // 2026-11-30T12:00:00.000Z
    const auto today = text(approved.fields.at("approved_at")).substr(0, 10);
    EXPECT_EQ(text(approved.fields.at("next_review_date")),
              std::to_string(std::stoi(today.substr(0, 4)) + 1) + today.substr(4));
    // Once approved, the rules hold again at write time.
    expect_refused(Errc::rule_violation,
                   [&] { reg_->link({LinkKind::activity_data_category, "SICK", "BIO", {}}, change); }, "Art. 5(1)(b)");
}

// From the DPO's trial: an approval could be typed in by hand, a review's re-approval kept the
// old approver, a draft kept the approval it no longer had, and a review date in the past was
// accepted at approval.
TEST_F(Records, TheApprovalIsRecordedByApprovingOnly) {
    expect_refused(Errc::validation, [&] {
        reg_->update(EntityKind::activity, "PAYROLL", {{"approved_by", std::string("Minister")}}, std::nullopt, change);
    }, "recorded by the approval");
    expect_refused(Errc::validation, [&] {
        reg_->create(EntityKind::activity, "NEW", {{"name", en("New")}, {"approved_at", std::string("2020-01-01")}},
                     change);
    }, "not typed in");
    // Approved again after a review: the reviewer, the time and the reason are the new ones.
    const auto first = reg_->get(EntityKind::activity, "PAYROLL");
    const auto again = reg_->update(EntityKind::activity, "PAYROLL", {{"status", std::string("active")}}, std::nullopt,
                                    {"auditor", "annual review done"});
    EXPECT_EQ(text(again.fields.at("approved_by")), "auditor");
    EXPECT_EQ(text(again.fields.at("approval_reason")), "annual review done");
    EXPECT_GE(text(again.fields.at("approved_at")), text(first.fields.at("approved_at")));
    // A review date must lie ahead.
    expect_refused(Errc::validation, [&] {
        reg_->update(EntityKind::activity, "PAYROLL",
                     {{"status", std::string("active")}, {"next_review_date", std::string("2020-01-01")}}, std::nullopt,
                     change);
    }, "must come after today");
    // Sent back to draft, it is no longer approved.
    const auto draft =
        reg_->update(EntityKind::activity, "PAYROLL", {{"status", std::string("draft")}}, std::nullopt, change);
    for (const char* name : {"approved_by", "approved_at", "approval_reason"})
        EXPECT_TRUE(std::holds_alternative<std::monostate>(draft.fields.at(name))) << name;
}

// Issue: a check that misses nothing. Each gap the template trials found silently accepted is
// a finding; each is shown on a complete register (no finding) with that one gap added.
TEST(Check, EachGapOfTheTemplateTrialIsAFindingWithItsArticle) {
    struct Gap {
        const char* name;
        std::function<void(Writer&)> make;
        std::string subject, article;
        Severity severity;
    };
    const std::vector<Gap> gaps{
        {"a public body's DPO without contact details",
         [](Writer& w) {
             w.update(EntityKind::controller, "#1",
                      {{"is_public_authority", true}, {"dpo_email", std::monostate{}}});
         },
         "controller", "Art. 30(1)(a), 37(7)", Severity::error},
        {"a private controller's DPO without contact details",
         [](Writer& w) { w.update(EntityKind::controller, "#1", {{"dpo_email", std::monostate{}}}); }, "controller",
         "Art. 30(1)(a), 37(7)", Severity::warning},
        {"a recipient in a third country with no transfer (a draft: approved, it is refused)",
         [](Writer& w) {
             w.update(EntityKind::activity, "PAYROLL", {{"status", std::string("draft")}});
             w.update(EntityKind::recipient, "BANKS", {{"location", std::string("third_country")}});
         },
         "activity:PAYROLL", "Art. 30(1)(e)", Severity::error},
        {"Art. 6(1)(c) without the law that lays it down",
         [](Writer& w) {
             w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-c", {}});
             w.link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-c", {}});
         },
         "activity:PAYROLL", "Art. 6(3)", Severity::warning},
        {"only an Art. 9(2) condition, no Art. 6(1) basis",
         [](Writer& w) {
             w.update(EntityKind::activity, "PAYROLL", {{"status", std::string("draft")}});
             w.unlink(LinkKind::activity_legal_basis, "PAYROLL", "art6-1-b");
             w.link({LinkKind::activity_legal_basis, "PAYROLL", "art9-2-b", {}});
         },
         "activity:PAYROLL", "Art. 6(1)", Severity::error},
        {"a retention row for data the activity does not process",
         [](Writer& w) {
             w.create(EntityKind::data_category, "HEALTH", {{"name", en("Health")}, {"is_special", true}});
             w.create(EntityKind::retention, std::nullopt,
                      {{"activity", std::string("PAYROLL")}, {"data_category", std::string("HEALTH")},
                       {"duration_value", std::int64_t{1}}, {"duration_unit", std::string("year")}});
         },
         "activity:PAYROLL", "Art. 30(1)(f)", Severity::warning},
        {"an active activity replaced by a retired one",
         [](Writer& w) {
             w.create(EntityKind::activity, "OLD", {{"name", en("Old payroll")}, {"status", std::string("retired")}});
             for (auto [kind, to] : std::vector<std::pair<LinkKind, std::string>>{
                      {LinkKind::activity_purpose, "HR-PAY"},
                      {LinkKind::activity_legal_basis, "art6-1-b"},
                      {LinkKind::activity_data_category, "IDENT"},
                      {LinkKind::activity_data_subject, "STAFF"}})
                 w.link({kind, "OLD", to, {}});
             w.update(EntityKind::activity, "PAYROLL", {{"replaced_by_activity", std::string("OLD")}});
         },
         "activity:PAYROLL", "Art. 30(1)", Severity::warning},
        {"a duration without the event it counts from",
         [](Writer& w) { w.update(EntityKind::retention, "#1", {{"trigger", std::monostate{}}}); },
         "activity:PAYROLL", "Art. 30(1)(f)", Severity::warning},
        // Schema level 8: the templates' fields, and what they make visible.
        {"a time limit for all the data beside one for a category",
         [](Writer& w) {
             w.create(EntityKind::retention, std::nullopt,
                      {{"activity", std::string("PAYROLL")}, {"data_category", std::string("IDENT")},
                       {"duration_value", std::int64_t{1}}, {"duration_unit", std::string("year")}});
         },
         "activity:PAYROLL", "Art. 30(1)(f), 5(1)(e)", Severity::warning},
        {"a time limit for data subjects the activity does not have",
         [](Writer& w) {
             w.create(EntityKind::data_subject, "VISITORS", {{"name", en("Visitors")}});
             w.create(EntityKind::retention, std::nullopt,
                      {{"activity", std::string("PAYROLL")}, {"data_subject", std::string("VISITORS")},
                       {"duration_value", std::int64_t{1}}, {"duration_unit", std::string("month")}});
         },
         "activity:PAYROLL", "Art. 30(1)(f)", Severity::warning},
        {"a data category said to be about data subjects the activity does not have",
         [](Writer& w) {
             w.create(EntityKind::data_subject, "VISITORS", {{"name", en("Visitors")}});
             w.edit_link({LinkKind::activity_data_category, "PAYROLL", "IDENT",
                          {{"data_subjects", Codes{"VISITORS"}}}});
         },
         "activity:PAYROLL", "Art. 30(1)(c)", Severity::warning},
        {"no recipients confirmed while one is linked",
         [](Writer& w) { w.update(EntityKind::activity, "PAYROLL", {{"no_recipients", true}}); },
         "activity:PAYROLL", "Art. 30(1)(d)", Severity::warning},
        {"automated decisions without the logic involved",
         [](Writer& w) { w.update(EntityKind::activity, "PAYROLL", {{"automated_decision", true}}); },
         "activity:PAYROLL", "Art. 13(2)(f), 14(2)(g), 22", Severity::warning},
        {"legitimate interests without the interest pursued",
         [](Writer& w) {
             w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-f", {}});
             w.link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-f", {}});
         },
         "activity:PAYROLL", "Art. 6(1)(f), 13(1)(d)", Severity::warning},
    };
    auto has = [](const CheckReport& report, const Gap& gap) {
        return std::any_of(report.findings.begin(), report.findings.end(), [&](const auto& f) {
            return f.subject == gap.subject && f.article == gap.article && f.severity == gap.severity;
        });
    };
    // Every finding carries a code that docs/cli.md lists, for tools to act on.
    const auto documented = ropa::test::read_file(std::filesystem::path(ROPA_SOURCE_DIR) / "docs/cli.md");
    auto codes_documented = [&](const CheckReport& report) {
        for (const auto& f : report.findings)
            EXPECT_TRUE(!f.code.empty() && documented.find("`" + f.code + "`") != std::string::npos)
                << "code \"" << f.code << "\" of: " << f.message;
    };
    for (const auto& gap : gaps) {
        TempDir dir;
        auto reg = Register::create(dir / "r.db");
        ropa::test::build_complete_register(reg);
        EXPECT_FALSE(has(reg.check(), gap)) << "without the gap: " << gap.name;
        reg.write(change, gap.make);
        const auto report = reg.check();
        EXPECT_TRUE(has(report, gap)) << gap.name;
        codes_documented(report);
    }
    // The facts the level 8 findings ask for close them.
    {
        TempDir closing;
        auto filled = Register::create(closing / "r.db");
        ropa::test::build_complete_register(filled);
        const auto& interest = gaps[gaps.size() - 1];
        const auto& logic = gaps[gaps.size() - 2];
        ASSERT_EQ(interest.article, "Art. 6(1)(f), 13(1)(d)");
        filled.write(change, interest.make);
        filled.write(change, logic.make);
        filled.write(change, [](Writer& w) {
            w.edit_link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-f",
                         {{"legitimate_interest", std::string("Preventing payroll fraud")},
                          {"assessment_reference", std::string("LIA-2026-01")}}});
            w.update(EntityKind::activity, "PAYROLL",
                     {{"automated_decision_logic", en("Scores claims; a person reviews every refusal")}});
        });
        const auto report = filled.check();
        EXPECT_FALSE(has(report, interest));
        EXPECT_FALSE(has(report, logic));
    }
    // The transfer that names the recipient, or the law cited by the activity or its purpose,
    // closes the gap.
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    EXPECT_EQ(gaps[2].article, "Art. 30(1)(e)");
    EXPECT_EQ(gaps[3].article, "Art. 6(3)");
    reg.write(change, gaps[2].make);
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::transfer, "TO-US", {{"recipient", std::string("BANKS")}, {"country", std::string("US")},
                                                 {"transfer_tool", std::string("art46-2-c")}});
        w.link({LinkKind::activity_transfer, "PAYROLL", "TO-US", {}});
    });
    EXPECT_FALSE(has(reg.check(), gaps[2]));
    reg.write(change, gaps[3].make);
    // An approved activity cannot come to send data outside the EEA without the transfer
    // recorded: the recipient's move is refused, naming the rule (the DPO trial expected every
    // error of check on an activity to stand in the way of its approval).
    {
        TempDir other;
        auto approved = Register::create(other / "r.db");
        ropa::test::build_complete_register(approved);
        try {
            approved.update(EntityKind::recipient, "BANKS", {{"location", std::string("third_country")}}, std::nullopt,
                            change);
            ADD_FAILURE() << "a recipient of an approved activity moved outside the EEA without a transfer";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), Errc::rule_violation);
            ASSERT_EQ(e.broken_rules().size(), 1u);
            EXPECT_EQ(e.broken_rules()[0].code, "transfer-missing-for-recipient");
            EXPECT_EQ(e.broken_rules()[0].article, "Art. 30(1)(e)");
        }
        EXPECT_EQ(approved.get(EntityKind::recipient, "BANKS").fields.at("location"), FieldValue(std::string("eea")));
    }
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::legal_source, "TAX", {{"title", en("Income Tax Act")}, {"article", std::string("art. 270")},
                                                   {"jurisdiction", std::string("BE")}});
        w.edit_link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-c", {{"legal_sources", Codes{"TAX"}}}});
    });
    EXPECT_FALSE(has(reg.check(), gaps[3])) << "the purpose's citation counts for the activity";
}

// Issue: a check that misses nothing. A DPO accepts a warning with a reason, so a known and
// accepted gap does not stay among the open warnings of every report; it stays in the record
// (who, when, why), an error cannot be accepted, and an acceptance that no longer matches a
// finding is listed until withdrawn.
TEST(Check, AWarningAcceptedWithItsReasonIsNoLongerOpenButStaysInTheRecord) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.update(EntityKind::activity, "PAYROLL", {{"no_recipients", true}}, std::nullopt, change);
    ASSERT_EQ(reg.check().count(Severity::warning), 1u);
    const auto before = reg.version()->id;
    const auto refused = [&](Errc expected, const std::function<void(Writer&)>& work) {
        const auto bytes = ropa::test::read_file(dir / "r.db");
        EXPECT_EQ(ropa::test::error_code_of([&] { reg.write(change, work); }), expected);
        EXPECT_EQ(ropa::test::read_file(dir / "r.db"), bytes);
    };
    refused(Errc::validation, [](Writer& w) { w.acknowledge("no-recipients-contradicted", "activity:PAYROLL", ""); });
    refused(Errc::not_found, [](Writer& w) { w.acknowledge("recipients-missing", "activity:PAYROLL", "none"); });
    refused(Errc::not_found, [](Writer& w) { w.acknowledge("no-recipients-contradicted", "activity:OTHER", "x"); });
    reg.write(change, [](Writer& w) {
        w.acknowledge("no-recipients-contradicted", "activity:PAYROLL", "the bank is paid, not given the data");
    });
    auto report = reg.check();
    EXPECT_EQ(report.count(Severity::warning), 0u);
    EXPECT_EQ(report.acknowledged(), 1u);
    ASSERT_EQ(report.findings.size(), 1u);
    ASSERT_TRUE(report.findings[0].acknowledgement);
    EXPECT_EQ(report.findings[0].acknowledgement->reason, "the bank is paid, not given the data");
    EXPECT_EQ(report.findings[0].acknowledgement->acknowledged_by, change.actor);
    EXPECT_NE(check_json(report).find("\"acknowledged\":1"), std::string::npos);
    // The past reads as it was: before the acceptance, the warning was open.
    EXPECT_EQ(reg.at(std::to_string(before)).check().count(Severity::warning), 1u);
    // An error is a rule: it cannot be accepted.
    reg.update(EntityKind::activity, "PAYROLL", {{"status", std::string("draft")}}, std::nullopt, change);
    reg.write(change, [](Writer& w) { w.unlink(LinkKind::activity_purpose, "PAYROLL", "HR-PAY"); });
    refused(Errc::rule_violation, [](Writer& w) { w.acknowledge("purpose-missing", "activity:PAYROLL", "x"); });
    // Closing the gap leaves the acceptance stale, listed until withdrawn.
    reg.update(EntityKind::activity, "PAYROLL", {{"no_recipients", std::monostate{}}}, std::nullopt, change);
    report = reg.check();
    EXPECT_EQ(report.acknowledged(), 0u);
    ASSERT_EQ(report.stale_acknowledgements.size(), 1u);
    EXPECT_EQ(report.stale_acknowledgements[0].finding_code, "no-recipients-contradicted");
    reg.write(change, [](Writer& w) { w.withdraw_acknowledgement("no-recipients-contradicted", "activity:PAYROLL"); });
    EXPECT_TRUE(reg.acknowledgements().empty());
    EXPECT_TRUE(reg.check().stale_acknowledgements.empty());
    refused(Errc::not_found,
            [](Writer& w) { w.withdraw_acknowledgement("no-recipients-contradicted", "activity:PAYROLL"); });
    EXPECT_TRUE(reg.verify().ok());
}

// A DPO's trial of level 8: overlapping time limits are found by category of data subjects too,
// and a legitimate interest cannot be given to a basis other than Art. 6(1)(f).
TEST(Check, OverlappingTimeLimitsAreFoundBySubjectGroupAndInterestsBelongToArt6_1_f) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto overlaps = [&] {
        std::vector<std::string> out;
        for (const auto& f : reg.check().findings)
            if (f.code == "retention-overlaps")
                out.push_back(f.message);
        return out;
    };
    EXPECT_TRUE(overlaps().empty());  // one row, for all the data
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("PAYROLL")}, {"data_subject", std::string("STAFF")},
                  {"data_category", std::string("IDENT")}, {"duration_value", std::int64_t{2}},
                  {"duration_unit", std::string("year")}});
    });
    EXPECT_EQ(overlaps(), std::vector<std::string>{
                              "a time limit is recorded for all its data and another for data category IDENT of data "
                              "subjects STAFF, within it: the record states two limits for the same data; narrow the "
                              "wider row, or remove the one that does not apply"});
    // Narrowing the general row to the other category leaves no overlap.
    reg.write(change, [](Writer& w) {
        w.update(EntityKind::retention, "#1", {{"data_category", std::string("BANK")}});
    });
    EXPECT_TRUE(overlaps().empty());
    // All of one group's data beside one category of that group's data overlap too.
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("PAYROLL")}, {"data_subject", std::string("STAFF")},
                  {"criteria", en("until the end of the appeal period")}});
    });
    ASSERT_EQ(overlaps().size(), 1u);
    EXPECT_NE(overlaps()[0].find("for all its data of data subjects STAFF and another for data category IDENT of "
                                 "data subjects STAFF"),
              std::string::npos)
        << overlaps()[0];
    // A legitimate interest on a basis other than Art. 6(1)(f) is refused, naming the field.
    const auto bytes = ropa::test::read_file(dir / "r.db");
    try {
        reg.write(change, [](Writer& w) {
            w.edit_link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-b",
                         {{"legitimate_interest", std::string("keeping staff paid")}}});
        });
        ADD_FAILURE() << "a legitimate interest was accepted on Art. 6(1)(b)";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::validation);
        EXPECT_EQ(e.field(), "activity-basis.legitimate_interest");
    }
    EXPECT_EQ(ropa::test::read_file(dir / "r.db"), bytes);
}

// One activity checked alone gives what the whole check gives for it: the same findings (with
// their acknowledgements) and the same missing items, for every activity of a real register.
TEST(CheckActivity, GivesWhatTheWholeCheckGivesForThatActivity) {
    TempDir dir;
    auto reg = Register::create(dir / "ministry.db");
    std::ifstream fixture(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/export/fixtures/ministry.json");
    reg.import_json(fixture, false, change);
    const auto whole = reg.check();
    std::size_t findings_seen = 0;
    for (const auto& activity : reg.list(EntityKind::activity)) {
        const std::string subject = "activity:" + *activity.code;
        const auto alone = reg.check_activity(*activity.code);
        std::vector<std::string> expected, got;
        for (const auto& f : whole.findings)
            if (f.subject == subject)
                expected.push_back(f.code + "|" + f.message + "|" + (f.acknowledgement ? f.acknowledgement->reason : ""));
        for (const auto& f : alone.findings)
            got.push_back(f.code + "|" + f.message + "|" + (f.acknowledgement ? f.acknowledgement->reason : ""));
        EXPECT_EQ(got, expected) << subject;
        findings_seen += got.size();
        std::vector<std::string> missing_expected, missing_got;
        for (const auto& m : whole.completeness.incomplete)
            if (m.subject == subject)
                missing_expected = m.missing;
        for (const auto& m : alone.completeness.incomplete)
            missing_got = m.missing;
        EXPECT_EQ(missing_got, missing_expected) << subject;
        EXPECT_EQ(reg.check_activity("#" + std::to_string(activity.id)).findings.size(), got.size()) << "by id";
    }
    EXPECT_GT(findings_seen, 0u) << "the fixture has findings to compare";
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.check_activity("NO-SUCH"); }), Errc::not_found);
}
