// Versioning: attributed changes, as-of reads, diffs, tags, revert and tamper evidence.

#include <map>
#include <random>
#include <set>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "storage/embedded_resources.hpp"
#include "storage/history_capture.hpp"
#include "storage/migrator.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::en;
using ropa::test::TempDir;

namespace {

// A register made by an older ropa: the migrations up to `level`, each as it was applied then.
ropa::detail::Database& make_register_at_level(ropa::detail::Connection& connection, int level) {
    auto& db = connection.db();
    for (const auto& migration : ropa::detail::embedded_migrations())
        if (migration.level <= level)
            ropa::detail::in_write_transaction(connection, "migrate", [&] {
                if (migration.level == 1)
                    db.exec("PRAGMA application_id = " + std::to_string(ropa::detail::ropa_application_id));
                ropa::detail::apply_migration(db, migration);
            });
    return db;
}

nlohmann::ordered_json value_json(const FieldValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    if (const auto* n = std::get_if<std::int64_t>(&value))
        return *n;
    if (const auto* b = std::get_if<bool>(&value))
        return *b;
    if (const auto* codes = std::get_if<Codes>(&value))
        return *codes;
    if (const auto* t = std::get_if<LocalizedText>(&value)) {
        nlohmann::ordered_json out;
        for (const auto& [lang, tr] : *t)
            out[lang] = tr.value + "/" + std::string(to_string(tr.status));
        return out;
    }
    return nullptr;
}

// Everything the register says, through the public API, as one text: the stand-in for an
// export until the export issue lands.
std::string everything(const RegisterView& reg) {
    nlohmann::ordered_json out;
    for (const auto& entity : entities())
        for (const auto& record : reg.list(entity.kind)) {
            nlohmann::ordered_json fields;
            for (const auto& [name, value] : record.fields)
                fields[name] = value_json(value);
            out[entity.name][record.code.value_or("#" + std::to_string(record.id))] = {
                {"revision", record.revision}, {"fields", fields}};
        }
    for (const auto& link : links())
        for (const auto& l : reg.list_links(link.kind)) {
            nlohmann::ordered_json fields;
            for (const auto& [name, value] : l.fields)
                fields[name] = value_json(value);
            out[link.name][l.from + "->" + l.to] = fields;
        }
    return out.dump();
}

// What a type of handle lets its user call: a past version (Snapshot) has no writes and no
// history of its own, so asking for them does not compile.
template <class T>
constexpr bool can_remove = requires(T& t) { t.remove(EntityKind::purpose, "P", ChangeRequest{}); };
template <class T>
constexpr bool can_write = requires(T& t) { t.write(ChangeRequest{}, [](Writer&) {}); };
template <class T>
constexpr bool can_read_the_past = requires(T& t) { t.at("1"); };
template <class T>
constexpr bool can_revert = requires(T& t) { t.revert(1, ChangeRequest{}); };

std::int64_t current(const RegisterView& reg) { return reg.version()->id; }

void drop_all_triggers(SQLite::Database& db) {
    std::vector<std::string> names;
    SQLite::Statement q(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'");
    while (q.executeStep())
        names.push_back(q.getColumn(0).getString());
    for (const auto& name : names)
        db.exec("DROP TRIGGER \"" + name + "\"");
}

}  // namespace

TEST(History, EveryWriteIsAnAttributedChange) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, std::nullopt, {"alice", "owner named"});
    const auto log = reg.log();
    ASSERT_EQ(log.size(), 3u);  // history begins, the complete register, the edit
    EXPECT_EQ(log[0].actor, "alice");
    EXPECT_EQ(log[0].reason, "owner named");
    EXPECT_EQ(log[0].summary, "activity: PAYROLL changed");
    EXPECT_EQ(log[0].prev_hash, log[1].hash);
    EXPECT_EQ(log[0].hash.size(), 64u);
    EXPECT_LE(log[1].recorded_at, log[0].recorded_at);
    EXPECT_EQ(log.back().actor, "ropa");
    // a write with no effect leaves no change behind
    reg.write(change, [](Writer&) {});
    EXPECT_EQ(reg.log().size(), 3u);
    // a refused write neither
    EXPECT_THROW(reg.remove(EntityKind::purpose, "HR-PAY", change), Error);
    EXPECT_EQ(reg.log().size(), 3u);
}

TEST(History, RandomChangesReadBackExactlyAsOfEachStep) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    std::mt19937 random(20261123);
    std::map<std::int64_t, std::string> seen;  // change -> everything at that change
    seen[current(reg)] = everything(reg);
    int purposes = 0;
    for (int step = 0; step < 40; ++step) {
        const int op = static_cast<int>(random() % 6);
        try {
            switch (op) {
            case 0: {
                const int n = ++purposes;
                reg.create(EntityKind::purpose, "RP" + std::to_string(n), {{"name", en("Random purpose " + std::to_string(n))}},
                           change);
                break;
            }
            case 1:
                reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("owner " + std::to_string(step))}},
                           std::nullopt, change);
                break;
            case 2:
                reg.update(EntityKind::purpose, "HR-PAY", {{"name", en("Paying staff, v" + std::to_string(step))}},
                           std::nullopt, change);
                break;
            case 3:
                if (purposes > 0)
                    reg.link({LinkKind::purpose_data_category, "RP" + std::to_string(1 + random() % purposes), "IDENT", {}},
                             change);
                break;
            case 4:
                if (purposes > 0)
                    reg.remove(EntityKind::purpose, "RP" + std::to_string(1 + random() % purposes), change);
                break;
            case 5:
                reg.update(EntityKind::controller, "#1", {{"phone", std::string("+32 " + std::to_string(step))}},
                           std::nullopt, change);
                break;
            }
        } catch (const Error&) {
            // a refused or impossible step (already linked, already removed) changes nothing
        }
        seen[current(reg)] = everything(reg);
    }
    ASSERT_GT(seen.size(), 20u);
    for (const auto& [change_id, expected] : seen)
        EXPECT_EQ(everything(reg.at(std::to_string(change_id))), expected) << "as of change " << change_id;
    EXPECT_TRUE(reg.verify().ok());
}

TEST(History, DiffOfNeighbouringChangesMatchesTheLog) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.create(EntityKind::data_subject, "VISITORS", {{"name", en("Visitors")}}, change);
    reg.link({LinkKind::activity_data_subject, "PAYROLL", "VISITORS", {}}, change);
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}, {"department", std::string("People")}},
               std::nullopt, change);
    reg.unlink(LinkKind::activity_data_subject, "PAYROLL", "VISITORS", change);
    reg.remove(EntityKind::data_subject, "VISITORS", change);
    const auto log = reg.log();
    for (std::size_t i = 0; i + 2 < log.size(); ++i) {  // skip the first two (history begins, bulk)
        const auto& change_info = log[i];
        const auto diff = reg.diff(std::to_string(change_info.id - 1), std::to_string(change_info.id));
        // The log names records and links (up to three of a kind) as the diff lists them.
        std::string summary;
        std::map<std::string, std::map<std::string, std::vector<std::string>>> seen;
        for (const auto& record : diff.records)
            seen[record.entity][record.kind == RecordDiff::Kind::added     ? "added"
                                : record.kind == RecordDiff::Kind::removed ? "removed"
                                                                           : "changed"]
                .push_back(record.code);
        for (const auto& [entity, by_kind] : seen) {
            std::string part = entity + ":";
            bool first = true;
            for (const char* kind : {"added", "changed", "removed"})
                if (by_kind.count(kind)) {
                    const auto& codes = by_kind.at(kind);
                    const bool named = codes.size() <= 3;
                    std::string what = std::to_string(codes.size());
                    if (named) {
                        what.clear();
                        for (const auto& code : codes)
                            what += (what.empty() ? "" : ", ") + code;
                    }
                    part += (first ? " " : ", ") + what + " " + kind;
                    first = false;
                }
            summary += (summary.empty() ? "" : "; ") + part;
        }
        EXPECT_EQ(summary, change_info.summary) << "change " << change_info.id;
    }
    const auto edit = reg.diff(std::to_string(log[2].id - 1), std::to_string(log[2].id));
    ASSERT_EQ(edit.records.size(), 1u);
    ASSERT_EQ(edit.records[0].fields.size(), 2u);
    EXPECT_EQ(edit.records[0].fields[0].name, "department");
    EXPECT_EQ(edit.records[0].fields[0].after, "People");
    EXPECT_EQ(edit.records[0].fields[1].before, "");
}

TEST(History, AtAcceptsChangeIdsTagsAndTimes) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto tagged = current(reg);
    reg.tag("sent-to-authority", "copy for the APD", "dpo");
    reg.remove(EntityKind::retention, "#1", change);
    EXPECT_EQ(reg.at("sent-to-authority").list(EntityKind::retention).size(), 1u);
    EXPECT_EQ(reg.at(std::to_string(tagged)).list(EntityKind::retention).size(), 1u);
    EXPECT_EQ(reg.at(reg.version()->recorded_at).list(EntityKind::retention).size(), 0u);
    EXPECT_EQ(reg.at("2999-01-01").version()->id, current(reg));
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.at("1999-01-01"); }), Errc::not_found);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.at("no-such-tag"); }), Errc::not_found);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.at("999"); }), Errc::not_found);
    auto past = reg.at("sent-to-authority");
    EXPECT_EQ(past.version()->tags, std::vector<std::string>{"sent-to-authority"});
    // a past version has no writes and no history of its own: asking is a compile error
    static_assert(!can_remove<Snapshot> && !can_write<Snapshot> && !can_read_the_past<Snapshot> &&
                  !can_revert<Snapshot>);
    static_assert(can_remove<Register> && can_write<Register> && can_read_the_past<Register> && can_revert<Register>);
    EXPECT_EQ(past.change(), tagged);
    EXPECT_EQ(past.check().count(Severity::error), 0u);
    // the same references looked up, without reading the version back
    EXPECT_EQ(reg.find_version("sent-to-authority")->id, tagged);
    EXPECT_EQ(reg.find_version(reg.find_version(std::to_string(tagged))->hash)->id, tagged);
    EXPECT_EQ(reg.find_version("2999-01-01")->id, current(reg));
    EXPECT_FALSE(reg.find_version("no-such-tag").has_value());
    EXPECT_FALSE(reg.find_version(std::string(64, 'a')).has_value());
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.find_version("2026-13-45"); }), Errc::validation);
}

TEST(History, TagsCannotBeMovedOrDeleted) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.tag("v1", "", "dpo");
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, std::nullopt, change);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.tag("v1", "", "dpo"); }), Errc::conflict);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.tag("bad name", "", "dpo"); }), Errc::validation);
    SQLite::Database raw(dir / "r.db", SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("UPDATE tag SET change_id = change_id + 1"), SQLite::Exception);
    EXPECT_THROW(raw.exec("DELETE FROM tag"), SQLite::Exception);
    ASSERT_EQ(reg.tags().size(), 1u);
    EXPECT_EQ(reg.tags()[0].change_id, 2);
}

TEST(History, RevertRestoresTheStateBeforeTheChange) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto before = everything(reg);
    reg.write(change, [](Writer& w) {
        w.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}, {"name", en("Payroll, renamed")}});
        w.create(EntityKind::data_subject, "CONTRACTORS", {{"name", en("Contractors")}});
        w.link({LinkKind::activity_data_subject, "PAYROLL", "CONTRACTORS", {}});
        w.unlink(LinkKind::activity_recipient, "PAYROLL", "BANKS");
    });
    const auto edited = current(reg);
    // a revert passes the same gate as any write: who asks is required, and nothing is written
    const auto unreverted = everything(reg);
    try {
        reg.revert(edited, {"", "undo"});
        ADD_FAILURE() << "a revert without an actor was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::validation);
        EXPECT_EQ(e.field(), "change.actor");
    }
    EXPECT_EQ(everything(reg), unreverted);
    EXPECT_EQ(current(reg), edited);
    reg.revert(edited, {"dpo", "undo"});
    // Revisions count edits and so move on; everything else is back.
    auto without_revisions = [](std::string text) {
        auto json = nlohmann::json::parse(text);
        for (auto& [entity, records] : json.items())
            for (auto& [code, record] : records.items())
                if (record.is_object())
                    record.erase("revision");
        return json.dump();
    };
    EXPECT_EQ(without_revisions(everything(reg)), without_revisions(before));
    // The revert is an edit of its own: an editor still holding revision 1 (or 2) is refused.
    EXPECT_EQ(reg.get(EntityKind::activity, "PAYROLL").revision, 3);
    for (std::int64_t stale : {1, 2})
        EXPECT_EQ(ropa::test::error_code_of([&] {
                      reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("X")}}, stale, change);
                  }),
                  Errc::conflict);
    EXPECT_EQ(reg.log()[0].reason, "undo");
    EXPECT_TRUE(reg.verify().ok());
    // Reverting an old change whose rows changed since is refused.
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("Finance")}}, std::nullopt, change);
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.revert(edited, change); }), Errc::conflict);
}

TEST(History, RevertThatWouldBreakARuleIsRefused) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.create(EntityKind::data_category, "PHOTO", {{"name", en("Photo")}}, change);
    reg.link({LinkKind::purpose_data_category, "HR-PAY", "PHOTO", {}}, change);
    const auto allowed = current(reg);
    reg.link({LinkKind::activity_data_category, "PAYROLL", "PHOTO", {}}, change);
    // undoing the allowed link would leave PAYROLL using a category its purpose no longer allows
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.revert(allowed, change); }), Errc::rule_violation);
}

// verify on an untouched register, and after an outside edit, insert and delete in each kind
// of table: a record table, a link table, the texts, the seed marks, and history itself.
class Tampering : public ::testing::Test {
protected:
    void SetUp() override {
        auto reg = Register::create(original_);
        reg.apply_seed("ccb-annex", change);
        ropa::test::build_complete_register_on_seed(reg);
        ASSERT_TRUE(reg.verify().ok());
    }

    VerifyReport tamper(const std::string& sql) {
        const auto copy = dir_ / ("copy" + std::to_string(++copies_) + ".db");
        std::filesystem::copy_file(original_, copy);
        {
            SQLite::Database raw(copy, SQLite::OPEN_READWRITE);
            drop_all_triggers(raw);
            raw.exec(sql);
        }
        // the triggers are gone from the copy: verify must not rely on them
        return Register::open(copy, {.mode = OpenMode::read_only}).verify();
    }

    static bool mentions(const VerifyReport& report, const std::string& text) {
        for (const auto& problem : report.problems)
            if (problem.find(text) != std::string::npos)
                return true;
        return false;
    }

    TempDir dir_;
    std::filesystem::path original_ = dir_ / "r.db";
    int copies_ = 0;
};

TEST_F(Tampering, UntouchedRegisterVerifies) {
    const auto report = Register::open(original_, {.mode = OpenMode::read_only}).verify();
    EXPECT_TRUE(report.ok());
    EXPECT_GT(report.rows_checked, 700u);
    EXPECT_EQ(report.changes_checked, 3u);
}

TEST_F(Tampering, RecordTable) {
    EXPECT_TRUE(mentions(tamper("UPDATE purpose SET provenance = 'forged' WHERE code = 'P01'"), "purpose row 1 was edited"));
    EXPECT_TRUE(mentions(tamper("INSERT INTO purpose (code, name_text_id) VALUES ('FAKE', 1)"), "was inserted outside"));
    EXPECT_TRUE(mentions(tamper("PRAGMA foreign_keys = OFF; DELETE FROM purpose WHERE code = 'P63'"), "was deleted outside"));
}

TEST_F(Tampering, LinkTable) {
    EXPECT_TRUE(mentions(tamper("UPDATE purpose_data_category SET provenance = 'x' WHERE purpose_id = 1"),
                         "purpose_data_category row 1:1 was edited"));
    EXPECT_TRUE(mentions(tamper("INSERT INTO purpose_data_category (purpose_id, data_category_id) VALUES (1, 4)"),
                         "purpose_data_category row 1:4 was inserted"));
    EXPECT_TRUE(mentions(tamper("DELETE FROM activity_purpose"), "activity_purpose row"));
}

TEST_F(Tampering, Texts) {
    EXPECT_TRUE(mentions(tamper("UPDATE translation SET value = 'forged' WHERE lang = 'nl' AND text_id = 60"),
                         "translation row 60:nl was edited"));
    EXPECT_TRUE(mentions(tamper("INSERT INTO translation (text_id, lang, value) VALUES (60, 'de', 'neu')"),
                         "translation row 60:de was inserted"));
    EXPECT_TRUE(mentions(tamper("DELETE FROM translation WHERE text_id = 60 AND lang = 'fr'"),
                         "translation row 60:fr was deleted"));
}

TEST_F(Tampering, SeedMarks) {
    EXPECT_TRUE(mentions(tamper("DELETE FROM seed_applied"), "seed_applied row ccb-annex was deleted"));
}

TEST_F(Tampering, HistoryItself) {
    EXPECT_TRUE(mentions(tamper("UPDATE change SET actor = 'someone else' WHERE id = 2"),
                         "change 2: its content does not match its hash"));
    EXPECT_TRUE(mentions(tamper("UPDATE row_history SET after = json_set(after, '$.code', 'PX') WHERE table_name = 'purpose' AND row_key = '1'"),
                         "does not match its hash"));
    EXPECT_TRUE(mentions(tamper("DELETE FROM row_history WHERE change_id = 3"), "does not match its hash"));
    EXPECT_TRUE(mentions(tamper("INSERT INTO change (recorded_at, actor, reason, state) VALUES ('2030', 'x', 'y', 'open')"),
                         "is not sealed"));
    // The chain's limit: someone who rewrites history and recomputes every later hash is only
    // caught by comparing with a hash published earlier (a tag sent to the authority, an
    // export's version stamp); docs/versioning.md says so.
}

// verify checks the whole file (issue: reliability): a register whose capture triggers were
// dropped silently lost every write while verify said "ok"; CHECKs, indexes and triggers could
// be removed unnoticed.
TEST_F(Tampering, SchemaOutsideWhatItsLevelDefines) {
    const std::string level = std::to_string(Register::program_schema_level());
    EXPECT_TRUE(mentions(tamper("SELECT 1"), "schema: trigger history_purpose_insert of schema level " + level + " is missing"));
    const auto copy = dir_ / "schema.db";
    auto tamper_keeping_triggers = [&](const std::string& sql) {
        std::filesystem::remove(copy);
        std::filesystem::copy_file(original_, copy);
        {
            SQLite::Database raw(copy, SQLite::OPEN_READWRITE);
            raw.exec(sql);
        }
        return Register::open(copy, {.mode = OpenMode::read_only}).verify();
    };
    EXPECT_TRUE(mentions(tamper_keeping_triggers("DROP INDEX change_by_time"), "index change_by_time"));
    EXPECT_TRUE(mentions(tamper_keeping_triggers("CREATE TABLE spy (x)"), "table spy is not part of schema level " + level));
    EXPECT_TRUE(mentions(tamper_keeping_triggers("CREATE INDEX extra ON purpose (code)"), "index extra"));
    // A CHECK removed by rewriting the schema's text, SQLite's documented back door.
    EXPECT_TRUE(mentions(tamper_keeping_triggers(
                             "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
                             "'CHECK (length(value) > 0)', '') WHERE name = 'translation'; PRAGMA writable_schema = OFF"),
                         "table translation differs from schema level " + level));
    const auto trigger = tamper_keeping_triggers(
        "DROP TRIGGER history_translation_update; CREATE TRIGGER history_translation_update AFTER UPDATE ON "
        "translation BEGIN SELECT 1; END");
    EXPECT_TRUE(mentions(trigger, "trigger history_translation_update differs")) << trigger.problems.size();
}

TEST_F(Tampering, ChangesMissingOrOutOfOrder) {
    // The newest change cut off (a truncated history): AUTOINCREMENT remembers it.
    EXPECT_TRUE(mentions(tamper("DELETE FROM row_history WHERE change_id = 3; DELETE FROM change WHERE id = 3"),
                         "changes after 2 are missing"));
    // One taken out of the middle of the chain.
    EXPECT_TRUE(mentions(tamper("DELETE FROM row_history WHERE change_id = 2; DELETE FROM change WHERE id = 2"),
                         "change 3 follows change 1"));
    // One dated before the change it follows.
    EXPECT_TRUE(mentions(tamper("UPDATE change SET recorded_at = '2000-01-01T00:00:00.000Z' WHERE id = 3"),
                         "before the change preceding it"));
}

TEST(HistoryCapture, NoWriteSucceedsWithoutItsHistory) {
    TempDir dir;
    const auto path = dir / "r.db";
    {
        auto reg = Register::create(path);
        reg.apply_seed("ccb-annex", change);
    }
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("DROP TRIGGER history_purpose_insert");
    }
    const auto before = ropa::test::read_file(path);
    auto reg = Register::open(path);
    try {
        reg.create(EntityKind::purpose, "NEW", {{"name", LocalizedText{{"en", {"New", TextStatus::source}}}}}, change);
        ADD_FAILURE() << "a write without its capture trigger was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::storage);
        EXPECT_NE(std::string(e.what()).find("history capture is damaged"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(reg.find(EntityKind::purpose, "NEW"));
    EXPECT_EQ(ropa::test::read_file(path), before);
}

// The capture triggers are derived from the tables (storage/history_capture.cpp): on a new
// register they are exactly those migration 0003 wrote by hand, and a migration that adds a
// column gets triggers that record it, with every row re-recorded so verify stays exact.
TEST(HistoryCapture, DerivedFromTheTablesAndFollowingAMigrationThatAddsAColumn) {
    TempDir dir;
    const auto path = dir / "r.db";
    {
        auto reg = Register::create(path);
        reg.apply_seed("ccb-annex", change);
        ropa::test::build_complete_register_on_seed(reg);
    }
    ropa::detail::Connection connection(path, OpenMode::read_write);
    auto& db = connection.db();
    EXPECT_TRUE(ropa::detail::capture_problems(db).empty());
    EXPECT_TRUE(ropa::detail::refresh_history_capture(db).empty());  // nothing to remake

    const ropa::detail::EmbeddedMigration adds_a_column{
        4, "0004_test.sql", "ALTER TABLE purpose ADD COLUMN note TEXT; UPDATE purpose SET note = 'n' WHERE code = 'P01';"};
    ropa::detail::in_write_transaction(connection, "migrate",
                                       [&] { ropa::detail::apply_migration(db, adds_a_column); });
    EXPECT_TRUE(ropa::detail::capture_problems(db).empty());
    const auto report = ropa::detail::verify_history(db);
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    // The migration is a sealed change of its own, holding every purpose row with the column.
    const auto migration = ropa::detail::latest_change(db);
    ASSERT_TRUE(migration);
    // (The migration's own UPDATE ran under the old triggers, without the column; then every
    // row was recorded with it.)
    std::size_t with_note = 0;
    for (const auto& effect : ropa::detail::effects_of(db, *migration)) {
        EXPECT_EQ(effect.table, "purpose");
        ASSERT_TRUE(effect.after);
        with_note += effect.after->find("\"note\":") != std::string::npos;
    }
    EXPECT_EQ(with_note, static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM purpose").getInt64()));
    // A later write records the new column too.
    ropa::detail::in_change(connection, change, "edit", [&] {
        db.exec("UPDATE purpose SET note = 'changed' WHERE code = 'P02'");
    });
    EXPECT_NE(ropa::detail::effects_of(db, *ropa::detail::latest_change(db)).front().after->find("\"note\":\"changed\""),
              std::string::npos);
    EXPECT_TRUE(ropa::detail::verify_history(db).ok());
}

// Tags were outside the chain: a backdated INSERT INTO tag made with the sqlite3 shell passed
// verify, so the version "sent to the authority" could be renamed after the fact.
TEST_F(Tampering, TagsAreSealedInTheChain) {
    EXPECT_TRUE(mentions(tamper("INSERT INTO tag (name, change_id, created_at, actor, message) VALUES "
                                "('sent-to-apd', 2, '2020-01-01T00:00:00.000Z', 'dpo', 'backdated')"),
                         "tag row sent-to-apd was inserted outside ropa"));
    {
        auto reg = Register::open(original_);
        reg.tag("v1", "the version sent", "dpo");
    }
    const auto renamed = tamper("UPDATE tag SET name = 'v0' WHERE name = 'v1'");
    EXPECT_TRUE(mentions(renamed, "tag row v1 was deleted outside ropa"));
    EXPECT_TRUE(mentions(renamed, "tag row v0 was inserted outside ropa"));
    EXPECT_TRUE(mentions(tamper("UPDATE tag SET change_id = 1 WHERE name = 'v1'"), "tag row v1 was edited outside ropa"));
    EXPECT_TRUE(Register::open(original_, {.mode = OpenMode::read_only}).verify().ok());
}

TEST(History, ATagIsAChangeOfItsOwnThatShowsNothingNew) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto tagged = reg.version()->id;
    const auto tag = reg.tag("sent-to-apd", "copy for the authority", "dpo");
    EXPECT_EQ(tag.change_id, tagged);
    // The register still shows the tagged version, so an export made now carries the tag...
    EXPECT_EQ(reg.version()->id, tagged);
    std::ostringstream out;
    export_record(reg, {ExportFormat::json, ""}, out);
    EXPECT_NE(out.str().find("\"sent-to-apd\""), std::string::npos);
    // ...while the log shows who made the tag, when and why, as a sealed change.
    const auto log = reg.log();
    ASSERT_EQ(log.front().id, tagged + 1);
    EXPECT_EQ(log.front().actor, "dpo");
    EXPECT_EQ(log.front().reason, "tag sent-to-apd: copy for the authority");
    EXPECT_EQ(log.front().summary, "tag: sent-to-apd added");
    EXPECT_EQ(ropa::test::error_code_of([&] { reg.revert(tagged + 1, change); }), Errc::validation);
    // A later write moves the version on past the tag's change.
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, std::nullopt, change);
    EXPECT_EQ(reg.version()->id, tagged + 2);
    EXPECT_TRUE(reg.verify().ok());
}

// Issue: history you can trust. A real migration that adds columns (0005: the approval and
// review columns of activities), taken by a register made at the level before with activities
// in it: verify stays clean, the migration is a sealed change holding every activity again,
// and reading a version from before the migration gives what the register said then.
TEST(HistoryCapture, ARegisterMadeAtTheLevelBeforeTakesTheMigrationThatAddsColumnsExactly) {
    TempDir dir;
    const auto path = dir / "old.db";
    {  // a register at level 4, with an activity written through its capture triggers
        ropa::test::write_file(path, "");
        ropa::detail::Connection connection(path, OpenMode::read_write);
        auto& db = make_register_at_level(connection, 4);
        ropa::detail::in_change(connection, change, "write", [&] {
            db.exec("INSERT INTO localized_text DEFAULT VALUES");
            db.exec("INSERT INTO translation (text_id, lang, value) VALUES (last_insert_rowid(), 'en', 'Payroll')");
            db.exec("INSERT INTO processing_activity (code, name_text_id, status) VALUES ('PAY', "
                    "(SELECT max(id) FROM localized_text), 'draft')");
        });
        ASSERT_EQ(connection.schema_level(), 4);
    }
    std::int64_t before_migration = 0;
    {
        auto reg = Register::open(path, {.upgrade = true});
        EXPECT_EQ(reg.schema_level(), Register::program_schema_level());
        const auto log = reg.log();
        ASSERT_GE(log.size(), 5u);
        // Each later level that wrote rows or changed columns is a change of its own (level 7
        // changed neither); level 8 gave activities columns again.
        EXPECT_EQ(log[0].reason, "schema level 8: 0008_template_fields.sql");
        EXPECT_EQ(log[0].summary, "activity: PAY changed");
        EXPECT_EQ(log[1].reason, "schema level 6: 0006_recording_real_registers.sql");
        EXPECT_EQ(log[2].reason, "schema level 5: 0005_activity_lifecycle.sql");
        EXPECT_EQ(log[2].summary, "activity: PAY changed");  // recorded with its new columns
        before_migration = log[3].id;
        const auto report = reg.verify();
        EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
        // The version before the migration reads as it was, and the same as now but for the
        // columns the migration added (empty in both).
        const auto then = reg.at(std::to_string(before_migration)).get(EntityKind::activity, "PAY");
        const auto now = reg.get(EntityKind::activity, "PAY");
        EXPECT_EQ(then.fields, now.fields);
        EXPECT_TRUE(std::holds_alternative<std::monostate>(now.fields.at("approved_by")));
        // And the new columns are history like any other from now on.
        reg.update(EntityKind::activity, "PAY", {{"next_review_date", std::string("2027-01-31")}}, std::nullopt,
                   change);
        EXPECT_TRUE(reg.verify().ok());
        EXPECT_TRUE(std::holds_alternative<std::monostate>(
            reg.at(std::to_string(before_migration)).get(EntityKind::activity, "PAY").fields.at("next_review_date")));
    }
}

// Level 6 moved a basis's one legal source (a column of the link) to a table of citations, so a
// basis may cite several. A register made at level 5 with a cited source takes it: the citation
// is kept, verify stays clean, and a version from before the migration still reads its source
// (so its export names the same law as one made then).
TEST(HistoryCapture, TheMigrationToSeveralSourcesKeepsEachCitationNowAndInThePast) {
    TempDir dir;
    const auto path = dir / "level5.db";
    {
        ropa::test::write_file(path, "");
        ropa::detail::Connection connection(path, OpenMode::read_write);
        auto& db = make_register_at_level(connection, 5);
        ropa::detail::in_change(connection, change, "write", [&] {
            db.exec("INSERT INTO localized_text DEFAULT VALUES");
            db.exec("INSERT INTO translation (text_id, lang, value) VALUES (last_insert_rowid(), 'nl', 'Paspoortwet')");
            db.exec("INSERT INTO legal_source (code, title_text_id, article, jurisdiction) VALUES ('paspw-26', "
                    "(SELECT max(id) FROM localized_text), 'art. 26(1)(d)', 'NL')");
            db.exec("INSERT INTO localized_text DEFAULT VALUES");
            db.exec("INSERT INTO translation (text_id, lang, value) VALUES (last_insert_rowid(), 'nl', 'Reisdocumenten')");
            db.exec("INSERT INTO processing_activity (code, name_text_id) VALUES ('PAS', (SELECT max(id) FROM localized_text))");
            db.exec("INSERT INTO activity_legal_basis (activity_id, legal_basis_id, legal_source_id) VALUES ("
                    "(SELECT id FROM processing_activity WHERE code = 'PAS'), (SELECT id FROM legal_basis WHERE code = "
                    "'art6-1-e'), (SELECT id FROM legal_source WHERE code = 'paspw-26'))");
        });
        ASSERT_EQ(connection.schema_level(), 5);
    }
    auto reg = Register::open(path, {.upgrade = true});
    ASSERT_EQ(reg.schema_level(), Register::program_schema_level());
    const auto sources_of = [](const RegisterView& r) {
        const auto links = r.list_links(LinkKind::activity_legal_basis, std::string("PAS"));
        return links.size() == 1 ? std::get<Codes>(links[0].fields.at("legal_sources")) : Codes{"?"};
    };
    EXPECT_EQ(sources_of(reg), (Codes{"paspw-26"}));
    const auto report = reg.verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    const auto log = reg.log();
    ASSERT_GE(log.size(), 3u);
    EXPECT_EQ(log[0].reason, "schema level 8: 0008_template_fields.sql");
    EXPECT_EQ(log[1].reason, "schema level 6: 0006_recording_real_registers.sql");
    EXPECT_EQ(sources_of(reg.at(std::to_string(log[1].id))), (Codes{"paspw-26"}));
    EXPECT_EQ(sources_of(reg.at(std::to_string(log[2].id))), (Codes{"paspw-26"}));
    // From now on a second provision can be cited, and the past keeps the one it had.
    ropa::Link second{LinkKind::activity_legal_basis, "PAS", "art6-1-e", {}};
    reg.write(change, [&](ropa::Writer& w) {
        w.create(EntityKind::legal_source, std::string("paspw-7"),
                 {{"title", LocalizedText{{"nl", {"Paspoortwet", TextStatus::source}}}},
                  {"article", std::string("art. 7(3)")}, {"jurisdiction", std::string("NL")}});
        second.fields["legal_sources"] = Codes{"paspw-7", "paspw-26"};
        w.edit_link(second);
    });
    EXPECT_EQ(sources_of(reg), (Codes{"paspw-7", "paspw-26"}));
    EXPECT_EQ(sources_of(reg.at(std::to_string(log[1].id))), (Codes{"paspw-26"}));
    EXPECT_TRUE(reg.verify().ok());
}

// Level 8 rebuilt the retention table (a row per category of data subjects too: SQLite cannot
// drop a table's UNIQUE constraint). A register made at level 7 with retention rows takes it:
// ids and values kept, a deleted row's id still never reused, verify clean, the past reads as
// it did, and the new scope is refused twice and accepted once per subject group.
TEST(HistoryCapture, TheRetentionTableRebuiltAtLevel8KeepsRowsIdsAndThePast) {
    TempDir dir;
    const auto path = dir / "level7.db";
    {
        ropa::test::write_file(path, "");
        ropa::detail::Connection connection(path, OpenMode::read_write);
        auto& db = make_register_at_level(connection, 7);
        ropa::detail::in_change(connection, change, "write", [&] {
            db.exec("INSERT INTO localized_text DEFAULT VALUES");
            db.exec("INSERT INTO translation (text_id, lang, value) VALUES (last_insert_rowid(), 'en', 'Visas')");
            db.exec("INSERT INTO processing_activity (code, name_text_id) VALUES ('VISA', (SELECT max(id) FROM localized_text))");
            db.exec("INSERT INTO localized_text DEFAULT VALUES");
            db.exec("INSERT INTO translation (text_id, lang, value) VALUES (last_insert_rowid(), 'en', 'Identity')");
            db.exec("INSERT INTO data_category (code, name_text_id) VALUES ('ID', (SELECT max(id) FROM localized_text))");
            db.exec("INSERT INTO localized_text DEFAULT VALUES");
            db.exec("INSERT INTO translation (text_id, lang, value) VALUES (last_insert_rowid(), 'en', 'Couriers')");
            db.exec("INSERT INTO data_subject_category (code, name_text_id) VALUES ('COURIER', (SELECT max(id) FROM localized_text))");
            db.exec("INSERT INTO retention (activity_id, data_category_id, duration_value, duration_unit) VALUES "
                    "((SELECT id FROM processing_activity), NULL, 9, 'year')");
            db.exec("INSERT INTO retention (activity_id, data_category_id, duration_value, duration_unit) VALUES "
                    "((SELECT id FROM processing_activity), (SELECT id FROM data_category), 5, 'year')");
            db.exec("INSERT INTO retention (activity_id, data_category_id, duration_value, duration_unit) VALUES "
                    "((SELECT id FROM processing_activity), NULL, 1, 'day')");
        });
        ropa::detail::in_change(connection, change, "remove", [&] { db.exec("DELETE FROM retention WHERE id = 3"); });
        ASSERT_EQ(connection.schema_level(), 7);
    }
    auto reg = Register::open(path, {.upgrade = true});
    ASSERT_EQ(reg.schema_level(), Register::program_schema_level());
    const auto report = reg.verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    const auto log = reg.log();
    ASSERT_GE(log.size(), 2u);
    EXPECT_EQ(log[0].reason, "schema level 8: 0008_template_fields.sql");
    const auto rows_of = [](const RegisterView& r) {
        std::vector<std::pair<std::int64_t, std::string>> out;
        RecordFilter filter;
        filter.activity = "VISA";
        for (const auto& row : r.list(EntityKind::retention, filter))
            out.emplace_back(row.id, value_text_all_languages(row.fields.at("duration_value")) + " " +
                                         value_text_all_languages(row.fields.at("data_category")));
        return out;
    };
    const std::vector<std::pair<std::int64_t, std::string>> expected{{1, "9 "}, {2, "5 ID"}};
    EXPECT_EQ(rows_of(reg), expected);
    EXPECT_EQ(rows_of(reg.at(std::to_string(log[1].id))), expected);
    // The counter survived the rebuild: the next row is not #3, the id of the row removed.
    Fields courier{{"activity", std::string("VISA")}, {"data_category", std::string("ID")},
                   {"data_subject", std::string("COURIER")}, {"duration_value", std::int64_t{2}},
                   {"duration_unit", std::string("year")}};
    reg.write(change, [&](ropa::Writer& w) { w.create(EntityKind::retention, std::nullopt, courier); });
    const auto now = reg.list(EntityKind::retention);
    ASSERT_EQ(now.size(), 3u);
    EXPECT_EQ(now.back().id, 4);
    EXPECT_EQ(std::get<std::string>(now.back().fields.at("data_subject")), "COURIER");
    // One row per scope: the same category and subject group again is refused, naming both.
    try {
        reg.write(change, [&](ropa::Writer& w) { w.create(EntityKind::retention, std::nullopt, courier); });
        ADD_FAILURE() << "a second row for the same scope was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
        EXPECT_NE(std::string(e.what()).find("data category ID of data subjects COURIER"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(reg.verify().ok());
}

namespace {


// What a diff between two versions must say, worked out the slow way: every record and link of
// both whole versions compared (what diff did before it read only the changed rows), with the
// values before and after.
std::set<std::string> whole_versions_compared(const RegisterView& before, const RegisterView& after) {
    auto contents = [](const RegisterView& reg) {
        std::map<std::string, std::map<std::string, std::string>> out;
        for (const auto& entity : entities())
            for (const auto& record : reg.list(entity.kind)) {
                auto& fields = out[entity.name + " " + record.code.value_or("#" + std::to_string(record.id))];
                for (const auto& [name, value] : record.fields)
                    fields[name] = value_text_all_languages(value);
            }
        for (const auto& link : links())
            for (const auto& l : reg.list_links(link.kind)) {
                auto& fields = out[link.name + " " + l.from + " -> " + l.to];
                for (const auto& field : link.fields)
                    fields[field.name] = l.fields.count(field.name) ? value_text_all_languages(l.fields.at(field.name)) : "";
            }
        return out;
    };
    const auto old_contents = contents(before), new_contents = contents(after);
    std::set<std::string> out;
    for (const auto& [key, fields] : old_contents)
        if (!new_contents.count(key))
            out.insert(key + " removed");
    for (const auto& [key, fields] : new_contents) {
        auto old = old_contents.find(key);
        if (old == old_contents.end()) {
            out.insert(key + " added");
            continue;
        }
        std::string changed;  // in name order, as as_set gives them
        for (const auto& [name, value] : fields)
            if (old->second.at(name) != value)
                changed += " " + name + " [" + old->second.at(name) + "] -> [" + value + "]";
        if (!changed.empty())
            out.insert(key + " changed:" + changed);
    }
    return out;
}

std::set<std::string> as_set(const Diff& diff) {
    std::set<std::string> out;
    for (const auto& record : diff.records) {
        std::string line = record.entity + " " + record.code;
        if (record.kind == RecordDiff::Kind::added)
            line += " added";
        else if (record.kind == RecordDiff::Kind::removed)
            line += " removed";
        else {
            line += " changed:";
            std::map<std::string, std::string> fields;
            for (const auto& field : record.fields)
                fields[field.name] = " [" + field.before + "] -> [" + field.after + "]";
            for (const auto& [name, values] : fields)
                line += " " + name + values;
        }
        out.insert(line);
    }
    return out;
}

}  // namespace

// diff reads only the rows the history says changed between the two versions (and what it needs
// to read them as records): it must still say exactly what comparing the whole versions says,
// for every kind of write: texts and their translations, link notes and legal sources,
// retention rows, references, records added and removed, in either direction.
TEST(History, DiffOfTheChangedRowsSaysWhatComparingWholeVersionsSays) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::purpose_group, "G1", {{"name", en("Group one")}});
        w.create(EntityKind::legal_source, "LAW1", {{"title", en("Tax act")}, {"jurisdiction", std::string("BE")}});
        w.create(EntityKind::legal_source, "LAW2", {{"title", en("Labour act")}, {"jurisdiction", std::string("BE")}});
        w.create(EntityKind::processor, "HOST", {{"name", std::string("Host NV")}});
    });
    std::mt19937 random(20261130);
    std::vector<std::int64_t> versions{current(reg)};
    int purposes = 0, activities = 0;
    auto any = [&](const char* prefix, int count) { return prefix + std::to_string(1 + random() % count); };
    for (int step = 0; step < 60; ++step) {
        const auto s = std::to_string(step);
        try {
            switch (random() % 13) {
            case 0:
                ++purposes;
                reg.create(EntityKind::purpose, "RP" + std::to_string(purposes),
                           {{"name", en("Purpose " + s)}, {"group", std::string("G1")}}, change);
                break;
            case 1:
                reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("owner " + s)}}, std::nullopt, change);
                break;
            case 2:  // a translation added to a name: the text alone changes
                reg.update(EntityKind::purpose, "HR-PAY",
                           {{"name", LocalizedText{{"fr", {"Payer " + s, TextStatus::unofficial}}}}}, std::nullopt, change);
                break;
            case 3:
                if (purposes)
                    reg.link({LinkKind::purpose_data_category, any("RP", purposes), "IDENT", {{"note", en("why " + s)}}},
                             change);
                break;
            case 4:
                reg.edit_link({LinkKind::purpose_data_category, "HR-PAY", "BANK", {{"note", en("note " + s)}}}, change);
                break;
            case 5:
                if (purposes)
                    reg.remove(EntityKind::purpose, any("RP", purposes), change);
                break;
            case 6: {
                const auto code = "A" + std::to_string(++activities);
                reg.write(change, [&](Writer& w) {
                    w.create(EntityKind::activity, code, {{"name", en("Activity " + s)}});
                    w.link({LinkKind::activity_purpose, code, "HR-PAY", {}});
                    w.link({LinkKind::activity_data_category, code, "IDENT", {}});
                    w.create(EntityKind::retention, std::nullopt,
                             {{"activity", code}, {"duration_value", std::int64_t{1}}, {"duration_unit", std::string("year")}});
                });
                break;
            }
            case 7:
                if (activities)
                    reg.remove(EntityKind::activity, any("A", activities), change);
                break;
            case 8:
                if (activities) {
                    const auto code = any("A", activities);
                    RecordFilter of;
                    of.activity = code;
                    for (const auto& row : reg.list(EntityKind::retention, of))
                        reg.update(EntityKind::retention, "#" + std::to_string(row.id),
                                   {{"duration_value", std::int64_t{2 + step}}, {"criteria", en("criteria " + s)}},
                                   std::nullopt, change);
                }
                break;
            case 9:  // the legal sources a basis cites: rows of their own
                reg.edit_link({LinkKind::activity_legal_basis, "PAYROLL", "art6-1-b",
                               {{"legal_sources", step % 2 ? Codes{"LAW1"} : Codes{"LAW1", "LAW2"}}}},
                              change);
                break;
            case 10:
                reg.update(EntityKind::recipient, "BANKS",
                           {{"processor", step % 2 ? FieldValue(std::string("HOST")) : FieldValue(std::monostate{})}},
                           std::nullopt, change);
                break;
            case 11:
                if (activities)
                    reg.update(EntityKind::activity, any("A", activities), {{"replaced_by_activity", std::string("PAYROLL")}},
                               std::nullopt, change);
                break;
            case 12:
                reg.update(EntityKind::data_category, "BANK",
                           {{"description", LocalizedText{{"nl", {"Rekening " + s, TextStatus::source}}}}}, std::nullopt,
                           change);
                break;
            }
        } catch (const Error&) {
            // a refused or impossible step changes nothing
        }
        if (versions.back() != current(reg))
            versions.push_back(current(reg));
    }
    ASSERT_GT(versions.size(), 35u);
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
    for (std::size_t i = 1; i < versions.size(); ++i)
        pairs.emplace_back(versions[i - 1], versions[i]);
    for (int i = 0; i < 60; ++i)
        pairs.emplace_back(versions[random() % versions.size()], versions[random() % versions.size()]);
    pairs.emplace_back(versions.front(), versions.back());
    pairs.emplace_back(versions.back(), versions.front());
    for (const auto& [from, to] : pairs) {
        const auto expected = whole_versions_compared(reg.at(std::to_string(from)), reg.at(std::to_string(to)));
        EXPECT_EQ(as_set(reg.diff(std::to_string(from), std::to_string(to))), expected)
            << "diff " << from << " " << to;
    }
}

// Found by a DPO's trial: a translation made unofficial, its words unchanged, was a change in
// the log that diff showed with the same text before and after.
TEST(History, DiffShowsATranslationsStandingChangedAlone) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.update(EntityKind::purpose, "HR-PAY", {{"name", LocalizedText{{"fr", {"Paie", TextStatus::official}}}}},
               std::nullopt, change);
    const auto before = std::to_string(current(reg));
    reg.update(EntityKind::purpose, "HR-PAY", {{"name", LocalizedText{{"fr", {"Paie", TextStatus::unofficial}}}}},
               std::nullopt, change);
    const auto diff = reg.diff(before);
    ASSERT_EQ(diff.records.size(), 1u);
    ASSERT_EQ(diff.records[0].fields.size(), 1u);
    EXPECT_EQ(diff.records[0].fields[0].before, "en: Paying staff | fr: Paie (official translation)");
    EXPECT_EQ(diff.records[0].fields[0].after, "en: Paying staff | fr: Paie (unofficial translation)");
}

// An auditor asks when each entry was made and last changed (the CNIL's model has both
// columns): the changes that touched the activity's fields, links or retention rows, as the
// log lists them for it, and as they stood at a past version.
TEST(History, EachActivityKnowsWhenItWasRecordedAndLastChanged) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto first = reg.version()->id;
    reg.create(EntityKind::activity, "OTHER", {{"name", ropa::test::en("Another")}}, ropa::test::change);
    const auto second = reg.version()->id;
    const auto payroll = reg.get(EntityKind::activity, "PAYROLL").id;
    const auto other = reg.get(EntityKind::activity, "OTHER").id;
    // in activity id order, one entry each
    const auto by_id = [](const std::vector<RecordDates>& list) {
        std::map<std::int64_t, RecordDates> out;
        for (std::size_t i = 0; i < list.size(); ++i) {
            EXPECT_TRUE(i == 0 || list[i - 1].activity_id < list[i].activity_id);
            out[list[i].activity_id] = list[i];
        }
        return out;
    };
    auto dates = by_id(reg.activity_dates());
    ASSERT_EQ(dates.size(), 2u);
    EXPECT_EQ(dates.at(payroll).created_in, first);
    EXPECT_EQ(dates.at(payroll).changed_in, first);
    EXPECT_EQ(dates.at(other).created_in, second);
    EXPECT_EQ(dates.at(payroll).created_on, reg.version()->recorded_at.substr(0, 10));

    // a link, then a retention row: each is a change to the entry, not to the other one
    reg.link({LinkKind::activity_data_subject, "OTHER", "STAFF", {}}, ropa::test::change);
    const auto linked = reg.version()->id;
    reg.update(EntityKind::retention, "#1", {{"duration_value", std::int64_t{10}}}, std::nullopt, ropa::test::change);
    const auto retained = reg.version()->id;
    dates = by_id(reg.activity_dates());
    EXPECT_EQ(dates.at(other).changed_in, linked);
    EXPECT_EQ(dates.at(other).created_in, second);
    EXPECT_EQ(dates.at(payroll).changed_in, retained);
    EXPECT_EQ(dates.at(payroll).created_in, first);

    // the same as the log lists for each
    EXPECT_EQ(reg.log({.entity = "activity", .code = "PAYROLL"}).front().id, dates.at(payroll).changed_in);
    EXPECT_EQ(reg.log({.entity = "activity", .code = "PAYROLL"}).back().id, dates.at(payroll).created_in);

    // as of a past version: what was known then
    const auto past = reg.at(std::to_string(second));
    const auto then = by_id(past.activity_dates());
    EXPECT_EQ(then.at(payroll).changed_in, first);
    EXPECT_EQ(then.at(other).changed_in, second);
    const auto before_other = by_id(reg.at(std::to_string(first)).activity_dates());
    EXPECT_EQ(before_other.count(other), 0u);
}

// A page of the log: the newest few, up to a version, with the other filters.
TEST(History, TheLogIsReadAPageAtATimeUpToAVersion) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, std::nullopt, change);
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("Finance")}}, std::nullopt, change);
    const auto all = reg.log();
    ASSERT_GE(all.size(), 3u);
    const auto newest_two = reg.log({.limit = 2});
    ASSERT_EQ(newest_two.size(), 2u);
    EXPECT_EQ(newest_two[0].id, all[0].id);
    EXPECT_EQ(newest_two[1].id, all[1].id);
    EXPECT_EQ(newest_two[1].summary, all[1].summary);
    const auto before = reg.log({.until = all[1].id});
    ASSERT_EQ(before.size(), all.size() - 1);
    EXPECT_EQ(before.front().id, all[1].id);
    EXPECT_EQ(reg.log({.until = all[1].id, .limit = 1}).front().id, all[1].id);
    EXPECT_EQ(reg.log({.entity = "activity", .code = "PAYROLL", .limit = 1}).size(), 1u);
    EXPECT_TRUE(reg.log({.limit = 0}).empty());
}

// Level 9 rebuilds the settings table (SQLite cannot change a CHECK constraint) so that it can
// hold the fields a DPO requires. A register made at level 8 with a setting takes it: the row
// kept, no change recorded for the rebuild, the history still verified, and the new setting
// captured like any other (its past readable).
TEST(HistoryCapture, TheSettingsTableRebuiltAtLevel9KeepsItsRowsAndCapturesTheNewOne) {
    TempDir dir;
    const auto path = dir / "level8.db";
    {
        ropa::test::write_file(path, "");
        ropa::detail::Connection connection(path, OpenMode::read_write);
        auto& db = make_register_at_level(connection, 8);
        ropa::detail::in_change(connection, change, "settings", [&] {
            db.exec("INSERT INTO setting (name, value) VALUES ('review_interval_months', '24')");
        });
        ASSERT_EQ(connection.schema_level(), 8);
        // level 8 could not hold it
        EXPECT_THROW(db.exec("INSERT INTO setting (name, value) VALUES ('required_fields', 'systems')"), std::exception);
    }
    auto reg = Register::open(path, {.upgrade = true});
    ASSERT_EQ(reg.schema_level(), Register::program_schema_level());
    const auto report = reg.verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    const auto log = reg.log();
    ASSERT_GE(log.size(), 2u);
    for (const auto& entry : log)
        EXPECT_EQ(entry.reason.find("schema level 9"), std::string::npos)
            << "the rebuild changed no row, so it is no change of its own";
    EXPECT_EQ(reg.settings().review_interval_months, 24);
    const auto before = reg.version()->id;
    auto settings = reg.settings();
    settings.required_fields = {"systems", "data_location"};
    reg.write(change, [&](ropa::Writer& w) { w.change_settings(settings); });
    EXPECT_EQ(reg.settings().required_fields, settings.required_fields);
    EXPECT_TRUE(reg.at(std::to_string(before)).settings().required_fields.empty());
    EXPECT_TRUE(reg.verify().ok());
}
