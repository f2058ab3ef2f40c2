// The accounts, sessions and forms of `ropa serve`, without a socket: who may sign in, what each
// role may write, and that a refused form writes nothing (the file byte for byte as it was).

#include <sys/stat.h>

#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ropa/register.hpp"
#include "hostile_corpus.hpp"
#include "test_support.hpp"
#include "web/accounts.hpp"
#include "web/api.hpp"
#include "web/forms.hpp"
#include "web/pages.hpp"
#include "web/reading.hpp"
#include "web/sessions.hpp"

using namespace ropa;
using ropa::test::read_file;
using ropa::test::TempDir;
using ropa::web::Reading;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

constexpr const char* password = "correct horse battery";

TEST(Accounts, APasswordSignsInItsAccountAloneAndTheFileIsPrivate) {
    TempDir dir;
    web::AccountStore accounts(dir / "ropa.db.accounts");
    EXPECT_FALSE(accounts.any());
    accounts.add("anna", web::Role::dpo, password);
    EXPECT_TRUE(accounts.any());
    struct stat status {};
    ASSERT_EQ(stat((dir / "ropa.db.accounts").c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u);
    // the hash is Argon2id, never the password
    EXPECT_FALSE(has(read_file(dir / "ropa.db.accounts"), password));
    EXPECT_TRUE(has(read_file(dir / "ropa.db.accounts"), "$argon2id$"));

    const auto signed_in = accounts.authenticate("anna", password);
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->role, web::Role::dpo);
    EXPECT_FALSE(accounts.authenticate("anna", "correct horse battery!"));
    EXPECT_FALSE(accounts.authenticate("nobody", password));

    EXPECT_EQ(ropa::test::error_code_of([&] { accounts.add("anna", web::Role::viewer, password); }), Errc::conflict);
    EXPECT_EQ(ropa::test::error_code_of([&] { accounts.add("bad name", web::Role::viewer, password); }), Errc::validation);
    EXPECT_EQ(ropa::test::error_code_of([&] { accounts.add("ben", web::Role::viewer, "short"); }), Errc::validation);
    EXPECT_EQ(ropa::test::error_code_of([] { (void)web::role_from("admin"); }), Errc::validation);

    accounts.set_password("anna", "another long password");
    EXPECT_FALSE(accounts.authenticate("anna", password));
    EXPECT_TRUE(accounts.authenticate("anna", "another long password"));
    accounts.set_role("anna", web::Role::auditor);
    EXPECT_EQ(accounts.find("anna")->role, web::Role::auditor);
    accounts.remove("anna");
    EXPECT_FALSE(accounts.any());
    EXPECT_EQ(ropa::test::error_code_of([&] { accounts.remove("anna"); }), Errc::not_found);
}

TEST(Accounts, AnAccountsFileOthersCanReadOrALinkIsRefused) {
    TempDir dir;
    web::AccountStore accounts(dir / "ropa.db.accounts");
    accounts.add("anna", web::Role::dpo, password);
    std::filesystem::permissions(dir / "ropa.db.accounts", std::filesystem::perms::group_read, std::filesystem::perm_options::add);
    EXPECT_EQ(ropa::test::error_code_of([&] { (void)accounts.any(); }), Errc::io);
    std::filesystem::permissions(dir / "ropa.db.accounts", std::filesystem::perms::group_read, std::filesystem::perm_options::remove);
    EXPECT_TRUE(accounts.any());
    std::filesystem::create_symlink(dir / "ropa.db.accounts", dir / "link.accounts");
    EXPECT_EQ(ropa::test::error_code_of([&] { (void)web::AccountStore(dir / "link.accounts").any(); }), Errc::io);
    // a register reached through a link has the accounts of the file it names
    (void)Register::create(dir / "ropa.db");
    std::filesystem::create_symlink(dir / "ropa.db", dir / "other.db");
    EXPECT_EQ(web::accounts_file_of(dir / "other.db"), web::accounts_file_of(dir / "ropa.db"));
}

TEST(Accounts, ARegisterIsNeverTakenForAnAccountsFile) {
    TempDir dir;
    (void)Register::create(dir / "ropa.db");
    const auto before = read_file(dir / "ropa.db");
    web::AccountStore wrong(dir / "ropa.db");
    EXPECT_EQ(ropa::test::error_code_of([&] { (void)wrong.any(); }), Errc::not_a_register);
    EXPECT_EQ(ropa::test::error_code_of([&] { wrong.add("anna", web::Role::dpo, password); }), Errc::not_a_register);
    EXPECT_EQ(read_file(dir / "ropa.db"), before);
}

TEST(Sessions, ASessionFollowsItsAccountAndEnds) {
    TempDir dir;
    web::AccountStore accounts(dir / "a.accounts");
    accounts.add("anna", web::Role::editor, password);
    web::SessionStore sessions;
    const auto token = sessions.open(*accounts.find("anna"));
    EXPECT_EQ(token.size(), 64u);
    const auto session = sessions.find(token, accounts);
    ASSERT_TRUE(session);
    EXPECT_EQ(session->user, "anna");
    EXPECT_EQ(session->csrf.size(), 64u);
    EXPECT_FALSE(sessions.find(token.substr(0, 63) + (token[63] == '0' ? "1" : "0"), accounts));
    // a role changed applies at the next request; a removed account signs out
    accounts.set_role("anna", web::Role::viewer);
    EXPECT_EQ(sessions.find(token, accounts)->role, web::Role::viewer);
    accounts.remove("anna");
    EXPECT_FALSE(sessions.find(token, accounts));

    accounts.add("ben", web::Role::dpo, password);
    const auto ben = sessions.open(*accounts.find("ben"));
    sessions.close(ben);
    EXPECT_FALSE(sessions.find(ben, accounts));
    // a password changed ends the sessions opened before
    const auto before_change = sessions.open(*accounts.find("ben"));
    ASSERT_TRUE(sessions.find(before_change, accounts));
    accounts.set_password("ben", "a new password for ben");
    EXPECT_FALSE(sessions.find(before_change, accounts));

    web::SessionStore brief(std::chrono::milliseconds(20));
    const auto idle = brief.open(*accounts.find("ben"));
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    EXPECT_FALSE(brief.find(idle, accounts));
}

TEST(Sessions, FailedSignInsMakeTheNextOnesWait) {
    web::SignInThrottle throttle;
    for (int i = 0; i < 4; ++i)
        throttle.failed("anna");
    EXPECT_EQ(throttle.wait("anna").count(), 0);
    throttle.failed("anna");
    EXPECT_GE(throttle.wait("anna"), std::chrono::seconds(29));
    EXPECT_EQ(throttle.wait("ben").count(), 0);  // by name: another account is not locked out
    throttle.succeeded("anna");
    EXPECT_EQ(throttle.wait("anna").count(), 0);
    EXPECT_TRUE(web::same_token("abc", "abc"));
    EXPECT_FALSE(web::same_token("abc", "abd"));
    EXPECT_FALSE(web::same_token("", ""));
}

// Every value the hostile-input corpus gives a command (its options left out).
std::set<std::string> corpus_values() {
    std::set<std::string> values;
    for (const auto& c : ropa::test::load_corpus(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/cli/hostile/corpus.txt"))
        for (const auto& arg : c.args)
            if (!arg.starts_with("-"))
                values.insert(arg);
    return values;
}

class Forms : public ::testing::Test {
protected:
    void SetUp() override {
        auto reg = Register::create(db_);
        reg.apply_seed("ccb-annex", {"setup", "the annex"});
    }
    web::Visitor as(const std::string& user, web::Role role) const { return {true, user, role, "token"}; }
    web::Reply post(const std::string& path, const web::Form& form, const web::Visitor& visitor) const {
        return web::submit(db_, path, form, visitor);
    }
    // A refused form: its status, and the register byte for byte as it was.
    web::Reply refused(const std::string& path, const web::Form& form, const web::Visitor& visitor, int status) const {
        const auto before = read_file(db_);
        auto reply = post(path, form, visitor);
        EXPECT_EQ(reply.status, status) << path << "\n" << reply.body;
        EXPECT_EQ(read_file(db_), before) << path << " was refused but changed the register";
        EXPECT_TRUE(has(reply.body, "Nothing was written")) << reply.body;
        return reply;
    }
    web::Form visit_activity() const {
        return {{"code", "A-VISIT"},
                {"f:name", "Visitor reception"},
                {"f:status", "draft"},
                {"f:end_date", ""},
                {"m:l:activity-purpose", "1"},
                {"l:activity-purpose", "P52"},
                {"m:l:activity-basis", "1"},
                {"l:activity-basis", "art6-1-e"},
                {"m:l:activity-category", "1"},
                {"l:activity-category", "identification"},
                {"l:activity-category", "video-surveillance"},
                {"m:l:activity-subject", "1"},
                {"l:activity-subject", "visitors"},
                {"reason", "record the reception"}};
    }
    TempDir dir_;
    std::filesystem::path db_ = dir_ / "ropa.db";
};

TEST_F(Forms, AnEditorRecordsADraftWithItsLinksAndTheDpoApprovesIt) {
    const auto editor = as("erik", web::Role::editor);
    auto reply = post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "who comes in"}}, editor);
    ASSERT_EQ(reply.status, 303) << reply.body;
    EXPECT_EQ(reply.location, "/records/subject/visitors");
    reply = post("/records/activity/new", visit_activity(), editor);
    ASSERT_EQ(reply.status, 303) << reply.body;
    EXPECT_EQ(reply.location, "/activities/A-VISIT");
    {
        const auto reg = Register::open(db_, {.mode = OpenMode::read_only});
        const auto record = reg.activity_record("A-VISIT");
        EXPECT_EQ(record.links_of(LinkKind::activity_data_category).size(), 2u);
        EXPECT_EQ(record.links_of(LinkKind::activity_purpose).at(0).to, "P52");
        EXPECT_EQ(reg.log().front().actor, "erik");
        EXPECT_EQ(reg.log().front().reason, "record the reception");
    }
    // the editor does not approve
    const auto no = refused("/activities/A-VISIT/approve", {{"reason", "ok"}, {"revision", "1"}}, editor, 403);
    EXPECT_TRUE(has(no.body, "DPO")) << no.body;
    // the DPO does, and the approval names them
    reply = post("/activities/A-VISIT/approve", {{"reason", "reviewed"}, {"revision", "1"}}, as("dora", web::Role::dpo));
    ASSERT_EQ(reply.status, 303) << reply.body;
    const auto reg = Register::open(db_, {.mode = OpenMode::read_only});
    const auto approved = reg.get(EntityKind::activity, "A-VISIT");
    EXPECT_EQ(value_text(approved.fields.at("status")), "active");
    EXPECT_EQ(value_text(approved.fields.at("approved_by")), "dora");
    // an approved activity is the DPO's to change
    refused("/records/activity/A-VISIT/edit", {{"f:owner", "Facilities"}, {"reason", "x"}}, editor, 403);
}

TEST_F(Forms, ARefusalIsShownBesideItsFieldAndWritesNothing) {
    const auto dpo = as("dora", web::Role::dpo);
    ASSERT_EQ(post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "x"}}, dpo).status, 303);
    ASSERT_EQ(post("/records/activity/new", visit_activity(), dpo).status, 303);
    // a date that is none: beside the end date
    auto reply = refused("/records/activity/A-VISIT/edit",
                         {{"f:end_date", "2026-02-30"}, {"revision", "1"}, {"reason", "x"}}, dpo, 422);
    EXPECT_TRUE(has(reply.body, "id=\"e-end_date\"")) << reply.body;
    EXPECT_TRUE(has(reply.body, "2026-02-30")) << "what was typed is shown again";
    // approving an activity that breaks a rule: each rule with its article
    ASSERT_EQ(post("/records/activity/new",
                   {{"code", "A-BADGE"}, {"f:name", "Badge photos"}, {"m:l:activity-category", "1"},
                    {"l:activity-category", "video-surveillance"}, {"reason", "as told"}},
                   dpo)
                  .status,
              303);
    reply = refused("/activities/A-BADGE/approve", {{"reason", "try"}}, dpo, 422);
    EXPECT_TRUE(has(reply.body, "Art. 5(1)(b)")) << reply.body;
    EXPECT_TRUE(has(reply.body, "Art. 30(1)(b)")) << reply.body;
    // a form read before someone else's change: refused, with what changed beside the field
    ASSERT_EQ(post("/records/activity/A-VISIT/edit", {{"f:owner", "Facilities"}, {"revision", "1"}, {"reason", "owner"}}, dpo)
                  .status,
              303);
    reply = refused("/records/activity/A-VISIT/edit", {{"f:owner", "Reception"}, {"revision", "1"}, {"reason", "x"}}, dpo, 409);
    EXPECT_TRUE(has(reply.body, "now recorded: Facilities")) << reply.body;
    // no reason, a viewer, an auditor, a catalogue record by an editor
    refused("/records/activity/A-VISIT/edit", {{"f:owner", "Reception"}, {"revision", "2"}}, dpo, 422);
    refused("/records/activity/new", visit_activity(), as("vera", web::Role::viewer), 403);
    refused("/records/activity/new", visit_activity(), as("aude", web::Role::auditor), 403);
    refused("/records/purpose/P52/edit", {{"f:name", "Other"}, {"reason", "x"}}, as("erik", web::Role::editor), 403);
    // a value no field takes, an unknown record
    refused("/records/activity/A-VISIT/edit", {{"f:dpia_required", "maybe"}, {"revision", "2"}, {"reason", "x"}}, dpo, 422);
    EXPECT_EQ(post("/records/activity/NOPE/edit", {{"reason", "x"}}, dpo).status, 404);
}

TEST_F(Forms, WhatAPageShowedIsWhatIsApprovedAndWritten) {
    const auto dpo = as("dora", web::Role::dpo);
    const auto editor = as("erik", web::Role::editor);
    ASSERT_EQ(post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "x"}}, dpo).status, 303);
    ASSERT_EQ(post("/records/activity/new", visit_activity(), editor).status, 303);
    ASSERT_EQ(post("/records/activity/new", {{"code", "A-DRAFT"}, {"f:name", "Draft"}, {"reason", "x"}}, editor).status, 303);
    // the approve form as the DPO's page holds it
    const auto reg = Register::open(db_, {.mode = OpenMode::read_only});
    const Reading page{reg, reg, "", "en", false, dpo};
    const auto inputs = web::approval_inputs(page, reg.get(EntityKind::activity, "A-VISIT"));
    const auto seen_at = inputs.find("name=\"seen\" value=\"") + 20;
    const auto seen = inputs.substr(seen_at, 64);
    // an editor adds a link after the DPO opened the page: the activity's revision stays, but
    // the approval of what the DPO did not see is refused
    ASSERT_EQ(post("/records/activity/A-VISIT/edit",
                   {{"m:l:activity-category", "1"}, {"l:activity-category", "identification"}, {"reason", "one less"}}, editor)
                  .status,
              303);
    refused("/activities/A-VISIT/approve", {{"reason", "ok"}, {"revision", "1"}, {"seen", seen}}, dpo, 409);

    // a time limit of an approved activity is not moved away by an editor
    ASSERT_EQ(post("/records/retention/new", {{"f:activity", "A-VISIT"}, {"f:data_category", "identification"},
                                              {"f:criteria", "one year"}, {"reason", "x"}}, editor).status, 303);
    ASSERT_EQ(post("/activities/A-VISIT/approve", {{"reason", "ok"}}, dpo).status, 303);
    refused("/records/retention/#1/edit", {{"f:activity", "A-DRAFT"}, {"reason", "move it"}}, editor, 403);

    // a browser's line breaks (CR LF) are kept as LF; a text goes in the language its form showed
    ASSERT_EQ(post("/records/activity/A-DRAFT/edit",
                   {{"f:notes", "first line\r\nsecond line"}, {"f:name", "Ontwerp"}, {"lang", "nl"}, {"reason", "x"}}, editor)
                  .status,
              303);
    const auto draft = Register::open(db_, {.mode = OpenMode::read_only}).get(EntityKind::activity, "A-DRAFT");
    EXPECT_EQ(value_text(draft.fields.at("notes"), "en"), "first line\nsecond line");
    const auto& name = std::get<LocalizedText>(draft.fields.at("name"));
    EXPECT_EQ(name.at("en").value, "Draft");
    EXPECT_EQ(name.at("nl").value, "Ontwerp");
}

TEST_F(Forms, TheDpoTagsTheNewestVersionAndNoOneElse) {
    const auto dpo = as("dora", web::Role::dpo);
    // the history page offers the DPO alone a tag form
    EXPECT_TRUE(has(web::respond(db_, "/log", {}, dpo).body, "action=\"/tags\""));
    EXPECT_FALSE(has(web::respond(db_, "/log", {}, as("erik", web::Role::editor)).body, "action=\"/tags\""));
    const auto no = refused("/tags", {{"name", "audit-2026"}}, as("erik", web::Role::editor), 403);
    EXPECT_TRUE(has(no.body, "the DPO")) << no.body;
    const auto done = post("/tags", {{"name", "audit-2026"}, {"message", "the audit starts here"}}, dpo);
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(done.location, "/log");
    const auto tags = Register::open(db_, {.mode = OpenMode::read_only}).tags();
    ASSERT_EQ(tags.size(), 1u);
    EXPECT_EQ(tags[0].actor, "dora");
    EXPECT_EQ(tags[0].message, "the audit starts here");
    refused("/tags", {{"name", "audit-2026"}}, dpo, 409);  // a tag never moves
    refused("/tags", {{"name", ""}}, dpo, 422);
}

TEST_F(Forms, ALinksOwnFieldsAreEditedTheLawCitedForABasis) {
    const auto dpo = as("dora", web::Role::dpo);
    ASSERT_EQ(post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "x"}}, dpo).status, 303);
    ASSERT_EQ(post("/records/activity/new", visit_activity(), dpo).status, 303);
    ASSERT_EQ(post("/records/source/new", {{"code", "camera-law"}, {"f:title", "Camera Act of 21 March 2007"}, {"f:jurisdiction", "BE"},
                                           {"reason", "the act"}}, dpo).status,
              303)
        << "a legal source";
    // the page of the link, then its legal sources set through the form
    const auto reg = Register::open(db_, {.mode = OpenMode::read_only});
    const Reading page{reg, reg, "", "en", false, dpo};
    const auto form = web::record_page(page, "/links/activity-basis/A-VISIT/art6-1-e", {});
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, 200);
    EXPECT_TRUE(has(form->body, "name=\"f:legal_sources\"")) << form->body;
    const auto reply = post("/links/activity-basis/A-VISIT/art6-1-e",
                            {{"m:f:legal_sources", "1"}, {"f:legal_sources", "camera-law"}, {"reason", "the act cited"}}, dpo);
    ASSERT_EQ(reply.status, 303) << reply.body;
    const auto linked = Register::open(db_, {.mode = OpenMode::read_only}).list_links(LinkKind::activity_legal_basis, "A-VISIT");
    ASSERT_EQ(linked.size(), 1u);
    EXPECT_EQ(value_text(linked[0].fields.at("legal_sources")), "camera-law");
    // a source that is none, a link that is none, a viewer
    refused("/links/activity-basis/A-VISIT/art6-1-e", {{"m:f:legal_sources", "1"}, {"f:legal_sources", "nope"}, {"reason", "x"}},
            dpo, 404);
    EXPECT_EQ(post("/links/activity-basis/A-VISIT/art9-2-a", {{"reason", "x"}}, dpo).status, 404);
    refused("/links/activity-basis/A-VISIT/art6-1-e", {{"m:f:legal_sources", "1"}, {"reason", "x"}},
            as("vera", web::Role::viewer), 403);
}

// Every value of the hostile-input corpus, posted into each kind of field of the forms: refused
// with a page that says so (never a crash or a 500), and a refusal writes nothing.
TEST_F(Forms, EveryValueOfTheHostileCorpusIsRefusedOrRecordedNeverACrash) {
    const auto dpo = as("dora", web::Role::dpo);
    ASSERT_EQ(post("/records/activity/new", visit_activity(), dpo).status, 404);  // no subject "visitors" yet
    ASSERT_EQ(post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "x"}}, dpo).status, 303);
    ASSERT_EQ(post("/records/activity/new", visit_activity(), dpo).status, 303);
    const auto values = corpus_values();
    ASSERT_GE(values.size(), 50u);
    int refusals = 0;
    std::size_t turn = 0;
    for (const auto& value : values) {
        const std::vector<std::pair<std::string, web::Form>> posts{
            {"/records/subject/new", {{"code", value}, {"f:name", "x"}, {"reason", "corpus"}}},
            {"/records/subject/new", {{"code", "S-CORPUS"}, {"f:name", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:name", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:owner", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:end_date", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:status", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:dpia_required", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:replaced_by_activity", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit",
             {{"m:l:activity-purpose", "1"}, {"l:activity-purpose", "P52"}, {"l:activity-purpose", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:owner", "x"}, {"revision", value}, {"reason", "corpus"}}},
            {"/records/activity/A-VISIT/edit", {{"f:owner", "y"}, {"reason", value}}},
            {"/tags", {{"name", value}, {"message", "corpus"}}},
            {"/tags", {{"name", "corpus-" + std::to_string(turn)}, {"message", value}}},
        };
        // each value into two of the fields, in turn (every field gets about a fifth of the corpus;
        // all of it into every field takes minutes under the sanitizers)
        for (const auto index : {turn % posts.size(), (turn + 1) % posts.size()}) {
            const auto& [path, form] = posts[index];
            const auto before = read_file(db_);
            const auto reply = post(path, form, dpo);
            ASSERT_NE(reply.status, 500) << path << " " << value.substr(0, 80) << "\n" << reply.body.substr(0, 2000);
            if (reply.status != 303) {
                ++refusals;
                EXPECT_EQ(read_file(db_), before) << path << " " << value.substr(0, 80) << " was refused but wrote";
                EXPECT_TRUE(has(reply.body, "Nothing was written")) << path << " " << value.substr(0, 80);
            }
            if (value.find('<') != std::string::npos) {
                EXPECT_FALSE(has(reply.body, value)) << "unescaped: " << value.substr(0, 80);
            }
        }
        turn += 2;
    }
    EXPECT_GT(refusals, 50);
}

// The same corpus through the HTTP API (web::api, without a socket): every value as a code, a
// text, a date, a link target and a whole body; a JSON answer every time, never a 500, and a
// refusal writes nothing.
TEST_F(Forms, TheHostileCorpusThroughTheApiIsRefusedOrRecordedNeverACrash) {
    const auto dpo = as("dora", web::Role::dpo);
    ASSERT_EQ(post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "x"}}, dpo).status, 303);
    ASSERT_EQ(post("/records/activity/new", visit_activity(), dpo).status, 303);
    const auto values = corpus_values();
    const auto quoted = [](const std::string& value) { return nlohmann::json(value).dump(); };
    std::size_t turn = 0, refusals = 0;
    for (const auto& value : values) {
        // a value that is not UTF-8 cannot be put in JSON text: it is sent as the raw body instead
        std::string as_json;
        try {
            as_json = quoted(value);
        } catch (const nlohmann::json::exception&) {
            as_json = "\"" + value + "\"";
        }
        const std::vector<web::ApiRequest> requests{
            {"POST", "/records/subject", {}, R"({"code": )" + as_json + R"(, "fields": {"name": {"en": "x"}}, "reason": "c"})"},
            {"PATCH", "/records/activity/A-VISIT", {}, R"({"fields": {"name": {"en": )" + as_json + R"(}}, "reason": "c"})"},
            {"PATCH", "/records/activity/A-VISIT", {}, R"({"fields": {"end_date": )" + as_json + R"(}, "reason": "c"})"},
            {"POST", "/links/activity-purpose", {}, R"({"from": "A-VISIT", "to": )" + as_json + R"(, "reason": "c"})"},
            {"PATCH", "/records/activity/A-VISIT", {}, value},
            {"GET", "/records/activity/" + value, {}, ""},
            {"POST", "/tags", {}, R"({"name": )" + as_json + R"(, "message": "c"})"},
            {"GET", "/records/activity", {{"limit", value}, {"offset", value}}, ""},
        };
        for (const auto index : {turn % requests.size(), (turn + 1) % requests.size()}) {
            const auto& request = requests[index];
            const auto before = read_file(db_);
            const auto reply = web::api(db_, request, dpo);
            ASSERT_NE(reply.status, 500) << request.method << " " << request.path << "\n" << reply.body.substr(0, 2000);
            EXPECT_EQ(reply.content_type, "application/json");
            EXPECT_TRUE(nlohmann::json::accept(reply.body)) << reply.body.substr(0, 500);
            if (reply.status >= 400) {
                ++refusals;
                EXPECT_EQ(read_file(db_), before) << request.method << " " << request.path << " was refused but wrote";
            }
        }
        turn += 2;
    }
    EXPECT_GT(refusals, 50u);
}

} // namespace
