// Issue: history you can trust to the last byte. Signing keys, signed tags, a head kept outside
// the register, and an attacker who rewrites the history and recomputes every hash.

#include <sstream>
#include <sys/stat.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "history/canonical.hpp"
#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "ropa/signing.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::contains;
using ropa::test::TempDir;

namespace {

bool any_problem_says(const VerifyReport& report, const std::string& words) {
    for (const auto& problem : report.problems)
        if (contains(problem, words))
            return true;
    return false;
}

/// What docs/versioning.md lets anyone with write access do: change a recorded fact of change
/// `from`, recompute that change's hash and every later one, and put the guards back. The
/// chain is then consistent again; only something kept outside the file can tell.
void rewrite_history_from(const std::filesystem::path& path, std::int64_t from, const std::string& old_text,
                          const std::string& new_text) {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    std::vector<std::string> triggers;
    {
        SQLite::Statement query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'");
        while (query.executeStep()) {
            triggers.push_back(query.getColumn(1).getString());
            db.exec("DROP TRIGGER \"" + query.getColumn(0).getString() + "\"");
        }
    }
    SQLite::Statement edit_history(db, "UPDATE row_history SET after = replace(after, ?1, ?2) WHERE change_id = ?3");
    edit_history.bind(1, old_text);
    edit_history.bind(2, new_text);
    edit_history.bind(3, from);
    ASSERT_GT(edit_history.exec(), 0) << "nothing of change " << from << " says " << old_text;
    SQLite::Statement edit_live(db, "UPDATE translation SET value = replace(value, ?1, ?2)");
    edit_live.bind(1, old_text);
    edit_live.bind(2, new_text);
    edit_live.exec();
    std::string previous;
    {
        SQLite::Statement before(db, "SELECT hash FROM change WHERE id = ?");
        before.bind(1, from - 1);
        ASSERT_TRUE(before.executeStep());
        previous = before.getColumn(0).getString();
    }
    SQLite::Statement changes(db, "SELECT id, recorded_at, actor, reason FROM change WHERE id >= ? ORDER BY id");
    changes.bind(1, from);
    std::vector<std::pair<std::int64_t, std::string>> rehashed;
    while (changes.executeStep()) {
        const detail::ChangeHeader header{changes.getColumn(0).getInt64(), changes.getColumn(1).getString(),
                                          changes.getColumn(2).getString(), changes.getColumn(3).getString(), previous};
        std::vector<detail::RowEffect> effects;
        SQLite::Statement rows(db, "SELECT table_name, row_key, before, after FROM row_history WHERE change_id = ? "
                                   "ORDER BY seq");
        rows.bind(1, header.id);
        while (rows.executeStep()) {
            auto optional = [](const SQLite::Column& c) {
                return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
            };
            effects.push_back({rows.getColumn(0).getString(), rows.getColumn(1).getString(),
                               optional(rows.getColumn(2)), optional(rows.getColumn(3))});
        }
        detail::ChangeHasher hasher(header, effects.size());
        for (const auto& effect : effects)
            hasher.add(effect);
        previous = hasher.hex_digest();
        rehashed.emplace_back(header.id, previous);
    }
    for (const auto& [id, hash] : rehashed) {
        SQLite::Statement seal(db, "UPDATE change SET hash = ?, prev_hash = (SELECT hash FROM change WHERE id = ?) "
                                   "WHERE id = ?");
        seal.bind(1, hash);
        seal.bind(2, id - 1);
        seal.bind(3, id);
        seal.exec();
    }
    for (const auto& sql : triggers)
        db.exec(sql);
}

struct SignedRegister {
    TempDir dir;
    std::filesystem::path path = dir / "reg.db";
    SigningKey dpo = SigningKey::generate();
    std::string head_hash;  // the stamp of an export sent out at change 2
    SignedRegister() {
        auto reg = Register::create(path);
        reg.write(change, [](Writer& w) { w.create(EntityKind::purpose, "PAY", {{"name", ropa::test::en("Payroll")}}); });
        head_hash = reg.version()->hash;
        reg.tag("sent-2026", "sent to the authority", "dpo", &dpo);
        reg.write(change, [](Writer& w) { w.create(EntityKind::purpose, "CCTV", {{"name", ropa::test::en("Cameras")}}); });
    }
};

}  // namespace

TEST(SigningKey, SignsAndVerifiesAndRejectsAnythingElse) {
    const auto key = SigningKey::generate();
    const auto other = SigningKey::generate();
    EXPECT_FALSE(key.public_key() == other.public_key());
    const auto signature = key.sign("ropa-tag-1 something");
    EXPECT_EQ(signature.size(), 128u);
    EXPECT_TRUE(key.public_key().verifies("ropa-tag-1 something", signature));
    EXPECT_FALSE(key.public_key().verifies("ropa-tag-1 somethinG", signature));
    EXPECT_FALSE(other.public_key().verifies("ropa-tag-1 something", signature));
    EXPECT_FALSE(key.public_key().verifies("ropa-tag-1 something", signature.substr(2)));
    EXPECT_FALSE(key.public_key().verifies("ropa-tag-1 something", std::string(128, 'z')));
    EXPECT_TRUE(key.public_key().fingerprint().starts_with("ed25519:"));
    EXPECT_EQ(key.public_key().fingerprint().size(), 8u + 32u);
    EXPECT_TRUE(PublicKey::from_hex(key.public_key().hex()) == key.public_key());
    EXPECT_EQ(test::error_code_of([] { PublicKey::from_hex("abc"); }), Errc::validation);
}

TEST(SigningKey, IsSavedPrivatelyNeverOverwrittenAndRefusedWhenOthersCanReadIt) {
    TempDir dir;
    const auto key = SigningKey::generate();
    key.save(dir / "dpo.key");
    struct stat info {};
    ASSERT_EQ(::stat((dir / "dpo.key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_TRUE(SigningKey::load(dir / "dpo.key").public_key() == key.public_key());
    EXPECT_TRUE(PublicKey::load(dir / "dpo.key.pub") == key.public_key());
    EXPECT_TRUE(PublicKey::load(dir / "dpo.key") == key.public_key());
    // An existing key is never replaced, and nothing of the second key is left behind.
    const auto before = test::read_file(dir / "dpo.key");
    EXPECT_EQ(test::error_code_of([&] { SigningKey::generate().save(dir / "dpo.key"); }), Errc::conflict);
    EXPECT_EQ(test::read_file(dir / "dpo.key"), before);
    test::write_file(dir / "lone.key.pub", "x");
    EXPECT_EQ(test::error_code_of([&] { SigningKey::generate().save(dir / "lone.key"); }), Errc::conflict);
    EXPECT_FALSE(std::filesystem::exists(dir / "lone.key"));
    // A key others may read is no longer the DPO's alone.
    ::chmod((dir / "dpo.key").c_str(), 0640);
    EXPECT_EQ(test::error_code_of([&] { SigningKey::load(dir / "dpo.key"); }), Errc::validation);
    EXPECT_EQ(test::error_code_of([&] { SigningKey::load(dir / "dpo.key.pub"); }), Errc::validation);
    EXPECT_EQ(test::error_code_of([&] { SigningKey::load(dir / "absent.key"); }), Errc::not_found);
}

TEST(SignedTags, VerifyChecksEachSignatureAndNamesItsSigner) {
    SignedRegister fixture;
    auto reg = Register::open(fixture.path);
    const auto tags = reg.tags();
    ASSERT_EQ(tags.size(), 1u);
    EXPECT_EQ(tags[0].signer_key, fixture.dpo.public_key().hex());
    EXPECT_EQ(tags[0].signature.size(), 128u);
    const auto report = reg.verify({.head = std::nullopt, .trusted_key = fixture.dpo.public_key().hex()});
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.signatures_checked, 1u);
    EXPECT_EQ(report.signers, std::vector<std::string>{fixture.dpo.public_key().fingerprint()});
    // Another key than the DPO's: reported.
    const auto stranger = SigningKey::generate();
    const auto wrong = reg.verify({.head = std::nullopt, .trusted_key = stranger.public_key().hex()});
    EXPECT_TRUE(any_problem_says(wrong, "is signed by key " + fixture.dpo.public_key().fingerprint())) << wrong.problems.size();
    // The head kept outside: found, and found again as CHANGE:HASH.
    EXPECT_TRUE(reg.verify({.head = fixture.head_hash, .trusted_key = std::nullopt}).ok());
    EXPECT_TRUE(reg.verify({.head = "2:" + fixture.head_hash, .trusted_key = std::nullopt}).ok());
    EXPECT_TRUE(any_problem_says(reg.verify({.head = "3:" + fixture.head_hash, .trusted_key = std::nullopt}),
                                 "not change 3's"));
    EXPECT_EQ(test::error_code_of([&] { reg.verify({.head = "not-a-hash", .trusted_key = std::nullopt}); }),
              Errc::validation);
}

TEST(SignedTags, AHistoryRewrittenWithEveryHashRecomputedIsCaughtByTheSignatureAndTheHead) {
    SignedRegister fixture;
    rewrite_history_from(fixture.path, 2, "Payroll", "Payrolz");
    auto reg = Register::open(fixture.path);
    const auto report = reg.verify();
    // The chain and every row are consistent again: only the signature tells.
    EXPECT_EQ(report.problems.size(), 1u);
    EXPECT_TRUE(any_problem_says(report, "tag sent-2026: its signature does not hold for change 2"))
        << (report.problems.empty() ? "" : report.problems.front());
    // The hash an export carried at the time is no longer in the history.
    const auto against_head = reg.verify({.head = fixture.head_hash, .trusted_key = std::nullopt});
    EXPECT_TRUE(any_problem_says(against_head, "no change of the history has this hash"));
}

TEST(SignedTags, ARewriteReSignedWithAnotherKeyIsCaughtByTheDposPublicKey) {
    SignedRegister fixture;
    rewrite_history_from(fixture.path, 2, "Payroll", "Payrolz");
    // The attacker re-signs the tag with a key of their own, in the tag and in its history.
    const auto attacker = SigningKey::generate();
    {
        SQLite::Database db(fixture.path, SQLite::OPEN_READWRITE);
        const auto hash = db.execAndGet("SELECT hash FROM change WHERE id = 2").getString();
        const auto old_signature = db.execAndGet("SELECT signature FROM tag").getString();
        const auto signature = attacker.sign(detail::tag_signature_message("sent-2026", 2, hash));
        const auto key = fixture.dpo.public_key().hex();
        db.exec("DROP TRIGGER IF EXISTS tag_is_final_update");
        std::vector<std::string> triggers;
        SQLite::Statement query(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN "
                                    "('tag', 'row_history')");
        while (query.executeStep()) {
            triggers.push_back(query.getColumn(1).getString());
            db.exec("DROP TRIGGER \"" + query.getColumn(0).getString() + "\"");
        }
        db.exec("UPDATE tag SET signer_key = '" + attacker.public_key().hex() + "', signature = '" + signature + "'");
        db.exec("UPDATE row_history SET after = replace(replace(after, '" + old_signature + "', '" + signature +
                "'), '" + key + "', '" + attacker.public_key().hex() + "') WHERE table_name = 'tag'");
        for (const auto& sql : triggers)
            db.exec(sql);
    }
    rewrite_history_from(fixture.path, 3, "\"sent-2026\"", "\"sent-2026\"");  // reseal from the tag's change
    auto reg = Register::open(fixture.path);
    const auto unanchored = reg.verify();
    EXPECT_TRUE(unanchored.ok()) << (unanchored.problems.empty() ? "" : unanchored.problems.front());
    EXPECT_EQ(unanchored.signers, std::vector<std::string>{attacker.public_key().fingerprint()});
    const auto anchored = reg.verify({.head = std::nullopt, .trusted_key = fixture.dpo.public_key().hex()});
    EXPECT_TRUE(any_problem_says(anchored, "not by the key given (" + fixture.dpo.public_key().fingerprint()));
}

// Verify compares each row's values with its history, not the JSON text SQLite printed then
// with the text it prints now: a history spelled differently (here, a letter written as a
// JSON escape, as another JSON writer might) with the same values is not a row edited outside
// ropa, while a different value still is.
TEST(Verify, ComparesValuesNotOneProgramsJsonSpelling) {
    SignedRegister fixture;
    rewrite_history_from(fixture.path, 2, "\"Payroll\"", "\"Payro\\u006cl\"");
    {
        SQLite::Database db(fixture.path, SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM row_history WHERE after LIKE '%Payro\\u006cl%'").getInt(), 1);
    }
    {
        const auto report = Register::open(fixture.path).verify();
        EXPECT_EQ(report.problems.size(), 1u);  // the signed tag's, since the hashes were recomputed
        EXPECT_TRUE(any_problem_says(report, "tag sent-2026"));
    }
    rewrite_history_from(fixture.path, 2, "\"Payro\\u006cl\"", "\"Payroll \"");
    const auto report = Register::open(fixture.path).verify();
    EXPECT_TRUE(any_problem_says(report, "was edited outside ropa")) << report.problems.size();
}

// A signed export is written whole by the library (the CLI and the C API call the same
// function): the file and FILE.sig of one version; an existing FILE.sig refused before the file
// is touched; the signature read back beside the file, or none when there is none.
TEST(SignedExports, AreWrittenWholeAndReadBackBesideTheirFile) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto key = SigningKey::generate();
    const auto file = dir / "record.html";
    const ExportOptions options{ExportFormat::html, "en"};
    EXPECT_FALSE(read_export_signature(file).has_value());
    const auto written = export_record_signed(reg, options, file, key);
    EXPECT_EQ(written.change_id, reg.version()->id);
    const auto read = read_export_signature(file);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->file_sha256, written.file_sha256);
    EXPECT_EQ(read->signature, written.signature);
    ExportVerifyOptions verify;
    verify.signature = read;
    verify.reg = &reg;
    EXPECT_TRUE(verify_export(file, verify).ok());
    // again without replacing: refused, and neither file changes
    const auto before = ropa::test::read_file(file), signature_before = ropa::test::read_file(dir / "record.html.sig");
    reg.update(EntityKind::activity, "PAYROLL", {{"owner", std::string("HR")}}, std::nullopt, change);
    EXPECT_EQ(ropa::test::error_code_of([&] { export_record_signed(reg, options, file, key); }), Errc::conflict);
    EXPECT_EQ(ropa::test::read_file(file), before);
    EXPECT_EQ(ropa::test::read_file(dir / "record.html.sig"), signature_before);
    EXPECT_EQ(ropa::test::error_code_of([&] { read_export_signature(file, dir / "no-such.sig"); }), Errc::not_found);
    // replacing: both name the new version
    EXPECT_EQ(export_record_signed(reg, options, file, key, {.replace_existing = true}).change_id, reg.version()->id);
    EXPECT_EQ(read_export_signature(file)->change_id, reg.version()->id);
}

// The dpv export names its records under a base the user gives: required there, refused
// elsewhere, checked; and an export made with it verifies, signed (the base travels in the
// signature) or unsigned (read from the file).
TEST(DpvExport, NeedsAnHttpBaseAndVerifiesSignedOrNot) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    ropa::test::build_complete_register(reg);
    const auto export_with = [&](ExportFormat format, const std::string& base) {
        std::ostringstream out;
        ExportOptions options{format};
        options.base = base;
        export_record(reg, options, out);
        return out.str();
    };
    for (const auto* base : {"", "ftp://example.org/", "https://", "https:///x", "https://exa mple.org/", "example.org",
                             "https://example.org/\"x", "https://example.org/<x>", "https://example.org/ropa/?x=1", "https://example.org/ropa/#part"}) {
        try {
            export_with(ExportFormat::dpv, base);
            ADD_FAILURE() << "accepted the base " << base;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), Errc::validation) << base;
            EXPECT_EQ(e.field(), "base") << base;
        }
    }
    EXPECT_EQ(ropa::test::error_code_of([&] { export_with(ExportFormat::csv, "https://example.org/"); }),
              Errc::validation);
    const auto text = export_with(ExportFormat::dpv, "https://example.org/ropa");
    EXPECT_NE(text.find("\"@id\":\"https://example.org/ropa/activity/PAYROLL\""), std::string::npos);
    EXPECT_NE(text.find("\"eu-gdpr:A6-1-b\""), std::string::npos);
    EXPECT_EQ(text, export_with(ExportFormat::dpv, "https://example.org/ropa/"));  // "/" added once

    const auto file = dir / "record.jsonld";
    ExportOptions options{ExportFormat::dpv};
    options.base = "https://example.org/ropa/";
    const auto key = SigningKey::generate();
    export_record_signed(reg, options, file, key);
    const auto signature = read_export_signature(file);
    ASSERT_TRUE(signature.has_value());
    EXPECT_EQ(signature->options.base, "https://example.org/ropa/");
    ExportVerifyOptions signed_check;
    signed_check.signature = signature;
    signed_check.reg = &reg;
    EXPECT_TRUE(verify_export(file, signed_check).ok());
    ExportVerifyOptions unsigned_check;
    unsigned_check.reg = &reg;
    std::filesystem::remove(dir / "record.jsonld.sig");
    const auto result = verify_export(file, unsigned_check);
    EXPECT_TRUE(result.ok()) << (result.problems.empty() ? "" : result.problems.front());
    EXPECT_TRUE(result.content_compared);
    unsigned_check.base = "https://elsewhere.example/";
    EXPECT_FALSE(verify_export(file, unsigned_check).ok());
}

// A JSON file of format version 2 (before a purpose's allowed links carried their
// provenance) is made again byte for byte: verify reads the version from the file, signed or
// not; the version is refused outside json and outside the versions ropa writes.
TEST(JsonFormatVersions, AFormat2FileIsMadeAgainAndVerifies) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    reg.apply_seed("ccb-annex", change);
    ropa::test::build_complete_register_on_seed(reg);
    const auto export_in = [&](ExportFormat format, int version) {
        std::ostringstream out;
        ExportOptions options{format};
        options.format_version = version;
        export_record(reg, options, out);
        return out.str();
    };
    const auto newest = export_in(ExportFormat::json, 0), format2 = export_in(ExportFormat::json, 2);
    EXPECT_EQ(newest, export_in(ExportFormat::json, 4));
    EXPECT_NE(newest.find("\"format_version\": 4,"), std::string::npos);
    EXPECT_NE(newest.find("\"settings\": {"), std::string::npos) << "version 4 carries the register's settings";
    EXPECT_EQ(export_in(ExportFormat::json, 3).find("\"settings\""), std::string::npos);
    EXPECT_NE(format2.find("\"format_version\": 2,"), std::string::npos);
    EXPECT_NE(newest.find("\"provenance\": \"annex: ticked cell\""), std::string::npos);
    EXPECT_EQ(format2.find("\"provenance\": \"annex: ticked cell\""), std::string::npos) << "format 2 had no link provenance";
    EXPECT_NE(format2.find("\"provenance\": \"annex row 1"), std::string::npos) << "a purpose's own provenance stays";
    for (const int version : {1, 5, -1})
        EXPECT_EQ(ropa::test::error_code_of([&] { export_in(ExportFormat::json, version); }), Errc::validation)
            << version;
    EXPECT_EQ(ropa::test::error_code_of([&] { export_in(ExportFormat::csv, 2); }), Errc::validation);

    const auto file = dir / "record.json";
    ExportOptions options{ExportFormat::json};
    options.format_version = 2;
    export_record_signed(reg, options, file, SigningKey::generate());
    EXPECT_EQ(ropa::test::read_file(file), format2);
    ExportVerifyOptions signed_check;
    signed_check.signature = read_export_signature(file);
    signed_check.reg = &reg;
    EXPECT_TRUE(verify_export(file, signed_check).ok());
    std::filesystem::remove(dir / "record.json.sig");
    ExportVerifyOptions unsigned_check;
    unsigned_check.reg = &reg;
    const auto result = verify_export(file, unsigned_check);
    EXPECT_TRUE(result.ok()) << (result.problems.empty() ? "" : result.problems.front());
    EXPECT_TRUE(result.content_compared);
    // and the file of version 2 imports as it always did
    auto other = Register::create(dir / "other.db");
    EXPECT_GT(other.import_json(format2, false, change), 0u);
}
