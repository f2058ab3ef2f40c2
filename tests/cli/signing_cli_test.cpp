// Issue: history you can trust to the last byte. As a DPO and an auditor use it: a signing key,
// a signed tag, a signed export sent out, and `ropa verify-export` on what comes back.

#include <sys/stat.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "history/canonical.hpp"
#include "history/sha256.hpp"
#include "ropa/export.hpp"
#include "ropa/signing.hpp"
#include "test_support.hpp"

using ropa::test::contains;
using ropa::test::read_file;
using ropa::test::run_ropa;
using ropa::test::TempDir;
using ropa::test::write_file;

namespace {

class SigningCli : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(ropa({"init"}).status, 0);
        ASSERT_EQ(ropa({"purpose", "add", "PAY", "--name", "Payroll", "-m", "payroll"}).status, 0);
        ASSERT_EQ(ropa({"category", "add", "BANK", "--name", "Bank account", "-m", "bank"}).status, 0);
        const auto key = ropa({"key", "new", "dpo.key"});
        ASSERT_EQ(key.status, 0) << key.err;
    }
    ropa::test::RunResult ropa(const std::vector<std::string>& args) {
        return run_ropa(dir_.path(), args, {"ROPA_ACTOR=dpo"});
    }
    std::string file(const std::string& name) { return read_file(dir_ / name); }
    TempDir dir_;
};

}  // namespace

TEST_F(SigningCli, KeyNewWritesAPrivateKeyAndAPublicOneAndNeverReplacesThem) {
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / "dpo.key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_TRUE(file("dpo.key.pub").starts_with("ropa-public-key-1 ed25519 "));
    const auto before = file("dpo.key");
    const auto again = ropa({"key", "new", "dpo.key"});
    EXPECT_EQ(again.status, 6) << again.err;
    EXPECT_EQ(file("dpo.key"), before);
    const auto shown = ropa({"key", "show", "dpo.key.pub"});
    EXPECT_EQ(shown.status, 0);
    EXPECT_EQ(ropa({"key", "show", "dpo.key"}).out, shown.out);
    EXPECT_TRUE(contains(shown.out, "fingerprint ed25519:")) << shown.out;
}

TEST_F(SigningCli, ASignedTagIsListedAndCheckedByVerifyAgainstTheDposKey) {
    const auto tagged = ropa({"tag", "sent-2026", "-m", "sent to the authority", "--sign", "dpo.key"});
    ASSERT_EQ(tagged.status, 0) << tagged.err;
    EXPECT_TRUE(contains(tagged.out, "signed by ed25519:")) << tagged.out;
    EXPECT_TRUE(contains(ropa({"tags"}).out, "signed by ed25519:"));
    const auto verified = ropa({"verify", "--public-key", "dpo.key.pub"});
    EXPECT_EQ(verified.status, 0) << verified.out;
    EXPECT_TRUE(contains(verified.out, "1 signature checked")) << verified.out;
    ASSERT_EQ(ropa({"key", "new", "other.key"}).status, 0);
    const auto other = ropa({"verify", "--public-key", "other.key.pub"});
    EXPECT_EQ(other.status, 1);
    EXPECT_TRUE(contains(other.out, "not by the key given")) << other.out;
    // A key file others may read is refused before anything is written.
    const auto log_before = ropa({"log"}).out;
    ASSERT_EQ(::chmod((dir_ / "dpo.key").c_str(), 0644), 0);
    const auto loose = ropa({"tag", "later", "--sign", "dpo.key"});
    EXPECT_EQ(loose.status, 3);
    EXPECT_TRUE(contains(loose.err, "chmod 600")) << loose.err;
    EXPECT_EQ(ropa({"log"}).out, log_before);
}

TEST_F(SigningCli, VerifyExportAcceptsTheUntouchedExportAndRejectsEveryKindOfForgery) {
    const auto signed_export = ropa({"export", "-f", "html", "-o", "record.html", "--sign", "dpo.key"});
    ASSERT_EQ(signed_export.status, 0) << signed_export.err;
    ASSERT_TRUE(std::filesystem::exists(dir_ / "record.html.sig"));
    const auto good = ropa({"verify-export", "record.html", "--public-key", "dpo.key.pub"});
    EXPECT_EQ(good.status, 0) << good.out;
    EXPECT_TRUE(contains(good.out, "ok: record.html is exactly what the register produced at change 3")) << good.out;
    // The register moves on; the export still is what it was at its version.
    ASSERT_EQ(ropa({"purpose", "edit", "PAY", "--name", "Salaries", "-m", "renamed"}).status, 0);
    EXPECT_EQ(ropa({"verify-export", "record.html"}).status, 0);

    // One byte changed.
    const auto original = file("record.html");
    auto changed = original;
    changed[changed.find("Payroll")] = 'p';
    write_file(dir_ / "record.html", changed);
    const auto tampered = ropa({"verify-export", "record.html", "--public-key", "dpo.key.pub"});
    EXPECT_EQ(tampered.status, 1);
    EXPECT_TRUE(contains(tampered.out, "changed after signing")) << tampered.out;
    EXPECT_TRUE(contains(tampered.out, "not what the register produced at change 3")) << tampered.out;
    // ... and checked without the register, by its signature alone.
    EXPECT_EQ(ropa({"--db", "elsewhere.db", "verify-export", "record.html"}).status, 1);

    // The changed file re-signed with another key: the signature holds, but not the DPO's.
    const auto forger = ropa::SigningKey::generate();
    auto forged = ropa::export_signature_from_json(file("record.html.sig"));
    forged.file_sha256 = ropa::detail::sha256_hex(changed);
    forged.signer_key = forger.public_key().hex();
    forged.signature = forger.sign(ropa::detail::export_signature_message(
        {forged.file_sha256, "html", "", false, "", forged.change_id, forged.change_hash, forged.recorded_at}));
    write_file(dir_ / "record.html.sig", ropa::export_signature_json(forged));
    const auto alone = ropa({"--db", "elsewhere.db", "verify-export", "record.html"});
    EXPECT_EQ(alone.status, 0) << alone.out;  // a valid signature, by whoever holds that key
    EXPECT_TRUE(contains(alone.out, forger.public_key().fingerprint())) << alone.out;
    const auto resigned = ropa({"--db", "elsewhere.db", "verify-export", "record.html", "--public-key", "dpo.key.pub"});
    EXPECT_EQ(resigned.status, 1);
    EXPECT_TRUE(contains(resigned.out, "not by the key given")) << resigned.out;
    EXPECT_EQ(ropa({"verify-export", "record.html"}).status, 1);  // and the register disowns the content

    // The signature file edited (another version named): the signature no longer holds.
    write_file(dir_ / "record.html", original);
    auto edited = nlohmann::json::parse(file("record.html.sig"));
    edited["version"]["change"] = 4;
    write_file(dir_ / "record.html.sig", edited.dump(2));
    const auto renamed = ropa({"--db", "elsewhere.db", "verify-export", "record.html"});
    EXPECT_EQ(renamed.status, 1);
    EXPECT_TRUE(contains(renamed.out, "the signature does not hold")) << renamed.out;
}

TEST_F(SigningCli, AnUnsignedExportIsComparedWithTheVersionItsStampNames) {
    // A CSV file carries its stamp on every row: it needs an activity to name its version.
    ASSERT_EQ(ropa({"activity", "add", "PAYROLL", "--name", "Payroll", "-m", "draft"}).status, 0);
    ASSERT_EQ(ropa({"export", "-f", "md", "-o", "v3.md"}).status, 0);
    ASSERT_EQ(ropa({"export", "-f", "csv", "-o", "v3.csv"}).status, 0);
    ASSERT_EQ(ropa({"export", "-o", "v3.json"}).status, 0);
    ASSERT_EQ(ropa({"purpose", "edit", "PAY", "--name", "Salaries", "-m", "renamed"}).status, 0);
    for (const auto* name : {"v3.md", "v3.csv", "v3.json"}) {
        const auto checked = ropa({"verify-export", name});
        EXPECT_EQ(checked.status, 0) << name << ": " << checked.out << checked.err;
        EXPECT_TRUE(contains(checked.out, "at change 4")) << checked.out;
    }
    // An export of another version passed off as this one: its stamp names version 5, its
    // content is version 4's.
    const auto v4_hash = nlohmann::json::parse(ropa({"log", "--json"}).out)[0]["hash"].get<std::string>();
    const auto v3_hash = nlohmann::json::parse(ropa({"log", "--json"}).out)[1]["hash"].get<std::string>();
    auto passed_off = file("v3.md");
    passed_off.replace(passed_off.find(v3_hash), v3_hash.size(), v4_hash);
    write_file(dir_ / "v4.md", passed_off);
    const auto other_version = ropa({"verify-export", "v4.md"});
    EXPECT_EQ(other_version.status, 1);
    EXPECT_TRUE(contains(other_version.out, "not what the register produced at change 5")) << other_version.out;
    // Made with other options than those given: refused, not guessed.
    EXPECT_EQ(ropa({"verify-export", "v3.md", "--lang", "fr"}).status, 1);
    // Nothing to check against.
    EXPECT_EQ(ropa({"--db", "elsewhere.db", "verify-export", "v3.md"}).status, 3);
}

TEST_F(SigningCli, VerifyHeadTakesTheHashOfAnExportOrItsSignature) {
    ASSERT_EQ(ropa({"export", "-o", "sent.json", "--sign", "dpo.key"}).status, 0);
    const auto hash = nlohmann::json::parse(file("sent.json"))["version"]["hash"].get<std::string>();
    EXPECT_EQ(ropa({"verify", "--head", hash}).status, 0);
    EXPECT_EQ(ropa({"verify", "--head", "sent.json.sig", "--public-key", "dpo.key.pub"}).status, 0);
    auto other = hash;
    other[0] = other[0] == 'a' ? 'b' : 'a';
    const auto missing = ropa({"verify", "--head", other});
    EXPECT_EQ(missing.status, 1);
    EXPECT_TRUE(contains(missing.out, "no change of the history has this hash")) << missing.out;
    EXPECT_EQ(ropa({"verify", "--head", "12345"}).status, 3);
    // A chain hash is also a version to read.
    EXPECT_EQ(ropa({"export", "--at", hash}).out, file("sent.json"));
}

TEST_F(SigningCli, GlobalOptionsGiveTheSameBytesBeforeOrAfterTheCommand) {
    ASSERT_EQ(ropa({"purpose", "edit", "PAY", "--name", "Salaries", "-m", "renamed"}).status, 0);
    const auto before = ropa({"--at", "2", "export", "-f", "md"});
    const auto after = ropa({"export", "-f", "md", "--at", "2"});
    ASSERT_EQ(before.status, 0) << before.err;
    EXPECT_EQ(before.out, after.out);
    EXPECT_TRUE(contains(before.out, "Payroll"));
    EXPECT_FALSE(contains(before.out, "Salaries"));
}

// Issue: the record an auditor can rely on. What changed since the version sent to the
// authority, in the export itself; signed and checked like any export.
TEST_F(SigningCli, AnExportShowsTheChangesSinceAVersionAndVerifiesWithThem) {
    ASSERT_EQ(ropa({"tag", "sent-2026", "-m", "sent to the authority"}).status, 0);
    ASSERT_EQ(ropa({"purpose", "edit", "PAY", "--name", "Salaries", "-m", "renamed"}).status, 0);
    ASSERT_EQ(ropa({"category", "add", "HEALTH", "--name", "Health", "-m", "health"}).status, 0);
    const auto md = ropa({"export", "-f", "md", "--since", "sent-2026"});
    ASSERT_EQ(md.status, 0) << md.err;
    EXPECT_TRUE(contains(md.out, "| Changes since | sent-2026 (change 3) |")) << md.out;
    EXPECT_TRUE(contains(md.out, "| changed | purpose | PAY | name | en: Payroll | en: Salaries |")) << md.out;
    EXPECT_TRUE(contains(md.out, "| added | category | HEALTH |")) << md.out;
    const auto html = ropa({"export", "-f", "html", "--since", "sent-2026"});
    EXPECT_TRUE(contains(html.out, "<h2>Changes since sent-2026 (change 3 to change 6)</h2>")) << html.out;
    EXPECT_EQ(ropa({"export", "-f", "csv", "--since", "sent-2026"}).status, 3);
    EXPECT_EQ(ropa({"export", "-f", "md", "--since", "no-such-tag"}).status, 5);
    // Signed with its changes section, the export verifies; the section is part of what is
    // signed, so a signature claiming another starting version does not hold.
    ASSERT_EQ(ropa({"export", "-f", "html", "--since", "sent-2026", "-o", "since.html", "--sign", "dpo.key"}).status, 0);
    EXPECT_EQ(ropa({"verify-export", "since.html"}).status, 0);
    auto signature = nlohmann::json::parse(file("since.html.sig"));
    EXPECT_EQ(signature["since"], "sent-2026");
    signature["since"] = "1";
    write_file(dir_ / "since.html.sig", signature.dump(2));
    EXPECT_EQ(ropa({"--db", "elsewhere.db", "verify-export", "since.html"}).status, 1);
    // Unsigned, it is compared when made with the same --since.
    ASSERT_EQ(ropa({"export", "-f", "md", "--since", "sent-2026", "-o", "since.md"}).status, 0);
    EXPECT_EQ(ropa({"verify-export", "since.md", "--since", "sent-2026"}).status, 0);
    EXPECT_EQ(ropa({"verify-export", "since.md"}).status, 1);
    // Of a past version: the changes up to that version only, whatever came after; the same
    // bytes with --at before or after the command.
    const auto past = ropa({"--at", "5", "export", "-f", "md", "--since", "sent-2026"});
    ASSERT_EQ(past.status, 0) << past.err;
    EXPECT_TRUE(contains(past.out, "| changed | purpose | PAY | name | en: Payroll | en: Salaries |")) << past.out;
    EXPECT_FALSE(contains(past.out, "| added | category | HEALTH |")) << past.out;
    EXPECT_EQ(ropa({"export", "-f", "md", "--since", "sent-2026", "--at", "5"}).out, past.out);
}
