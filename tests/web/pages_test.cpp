// The pages of `ropa serve`, asked without a socket (web::respond): what a DPO and an auditor
// read in the browser, escaped, at any version.

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "register_builders.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::TempDir;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class ServedPages : public ::testing::Test {
protected:
    void SetUp() override {
        auto reg = Register::create(db_);
        std::ifstream fixture(std::filesystem::path(ROPA_SOURCE_DIR) / "tests/export/fixtures/ministry.json");
        reg.import_json(fixture, false, change);
        reg.tag("sent-to-authority", "the copy sent", "dpo");
        // later: an activity whose name would be markup if it were not escaped
        reg.create(EntityKind::activity, "A-LATER",
                   {{"name", LocalizedText{{"en", {"<script>alert(1)</script> & \"quotes\"", TextStatus::source}}}}},
                   change);
    }
    web::Reply get(const std::string& path, const web::Query& query = {}) const { return web::respond(db_, path, query, {}); }

    TempDir dir_;
    std::filesystem::path db_ = dir_ / "ministry.db";
};

TEST_F(ServedPages, TheDashboardShowsTheCheckWhatAwaitsReviewAndTheLatestChanges) {
    const auto reply = get("/");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.content_type, "text/html; charset=utf-8");
    EXPECT_TRUE(has(reply.body, "of the Art. 30 items recorded"));
    EXPECT_TRUE(has(reply.body, "Awaiting review"));
    EXPECT_TRUE(has(reply.body, "/activities/A-NEWS")) << "the draft awaits review";
    EXPECT_TRUE(has(reply.body, "Latest changes"));
    EXPECT_TRUE(has(reply.body, "Ministry of Foreign Affairs"));
    EXPECT_FALSE(has(reply.body, "<script")) << "no script, and no register text as markup";
    EXPECT_FALSE(has(reply.body, "style=")) << "no inline style: the policy allows the stylesheet alone";
}

TEST_F(ServedPages, TheFieldsARegisterRequiresAreCountedOnTheDashboardAndNamedOnTheActivity) {
    EXPECT_FALSE(has(get("/").body, "of the fields this register requires")) << "none required yet";
    {
        auto reg = Register::open(db_);
        auto settings = reg.settings();
        settings.required_fields = {"data_location"};
        reg.write(change, [&](Writer& w) { w.change_settings(settings); });
    }
    EXPECT_TRUE(has(get("/").body, "of the fields this register requires"));
    EXPECT_TRUE(has(get("/activities/A-PAY").body,
                    "Not recorded, and this register requires it: data_location: location of the personal data (ICO)"));
    EXPECT_FALSE(has(get("/activities/A-VISA").body, "this register requires it")) << "A-VISA says where its data are";
}

TEST_F(ServedPages, ActivitiesAreListedFilteredAndShownWithEveryArt30Item) {
    const auto all = get("/activities");
    ASSERT_EQ(all.status, 200);
    for (const auto* code : {"A-VISA", "A-PAY", "A-CCTV", "A-NEWS", "A-LEGALISE", "A-LATER"})
        EXPECT_TRUE(has(all.body, std::string("/activities/") + code)) << code;
    EXPECT_TRUE(has(all.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    EXPECT_FALSE(has(all.body, "<script>"));
    const auto drafts = get("/activities", {{"status", "draft"}});
    EXPECT_TRUE(has(drafts.body, "/activities/A-NEWS"));
    EXPECT_FALSE(has(drafts.body, "/activities/A-PAY"));
    const auto searched = get("/activities", {{"q", "visa"}});
    EXPECT_TRUE(has(searched.body, "/activities/A-VISA"));
    EXPECT_FALSE(has(searched.body, "/activities/A-CCTV"));
    EXPECT_EQ(get("/activities", {{"status", "finished"}}).status, 400) << "a status that cannot be";

    const auto visa = get("/activities/A-VISA");
    ASSERT_EQ(visa.status, 200);
    for (const auto& info : links()) {
        if (info.from == EntityKind::activity) {
            EXPECT_TRUE(has(visa.body, web::escape(info.label))) << info.label;
        }
    }
    for (const auto& field : entity_info(EntityKind::activity).fields)
        EXPECT_TRUE(has(visa.body, web::escape(field.label))) << field.name;
    EXPECT_TRUE(has(visa.body, "Its history"));
    EXPECT_EQ(get("/activities/NO-SUCH").status, 404);
    EXPECT_EQ(get("/nowhere").status, 404);
}

TEST_F(ServedPages, AnyVersionIsReadAndKeptInEveryLink) {
    const auto past = get("/activities", {{"at", "sent-to-authority"}});
    ASSERT_EQ(past.status, 200);
    EXPECT_FALSE(has(past.body, "A-LATER")) << "recorded after the tag";
    EXPECT_TRUE(has(past.body, "Past version"));
    EXPECT_TRUE(has(past.body, "/activities/A-VISA?at=sent-to-authority"));
    EXPECT_TRUE(has(get("/activities").body, "A-LATER"));
    EXPECT_EQ(get("/", {{"at", "no-such-tag"}}).status, 404);
    EXPECT_EQ(get("/", {{"lang", "not a language"}}).status, 400);
}

TEST_F(ServedPages, TheLanguageChosenIsKeptAndEachTextSaysItsLanguage) {
    const auto dutch = get("/activities/A-VISA", {{"lang", "nl"}, {"at", "sent-to-authority"}});
    ASSERT_EQ(dutch.status, 200);
    EXPECT_TRUE(has(dutch.body, "<html lang=\"en\">")) << "the page's own words are English";
    EXPECT_TRUE(has(dutch.body, "<span lang=\"nl\">")) << "a Dutch text says so";
    EXPECT_TRUE(has(dutch.body, "href=\"/activities?at=sent-to-authority&amp;lang=nl\"")) << "the navigation keeps both";
    EXPECT_TRUE(has(dutch.body, "name=\"lang\" value=\"nl\"")) << "the version chooser keeps the language";
    const auto english = get("/activities/A-VISA");
    EXPECT_FALSE(has(english.body, "lang=nl"));
    EXPECT_FALSE(has(english.body, "<span lang=\"nl\">")) << english.body;
}

TEST_F(ServedPages, AViewerIsOfferedNoPastVersionItCannotRead) {
    const web::Visitor viewer{true, "vera", web::Role::viewer, "token"};
    const web::Visitor auditor{true, "aude", web::Role::auditor, "token"};
    for (const auto* path : {"/", "/log", "/activities/A-VISA"}) {
        const auto seen = web::respond(db_, path, {}, viewer);
        ASSERT_EQ(seen.status, 200) << path;
        EXPECT_FALSE(has(seen.body, "?at=")) << path << ": a viewer reads the newest version alone";
        EXPECT_FALSE(has(seen.body, "href=\"/diff")) << path;
        EXPECT_TRUE(has(web::respond(db_, path, {}, auditor).body, "href=\"/?at=")) << path;
    }
}

TEST_F(ServedPages, AnAuthoritysTemplateIsDownloadedAsTheLibraryLaysItOut) {
    EXPECT_TRUE(has(get("/exports").body, "/export?format=xlsx&amp;template=ico"));
    const auto csv = get("/export", {{"format", "csv"}, {"template", "ico"}});
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_TRUE(csv.body.starts_with("Business function,Purpose of processing,")) << csv.body.substr(0, 200);
    EXPECT_EQ(csv.download_name.substr(csv.download_name.size() - 8), "-ico.csv");
    const auto reg = Register::open(db_, {.mode = OpenMode::read_only});
    std::ostringstream library;
    export_record(reg, {.format = ExportFormat::csv, .template_name = "ico"}, library);
    EXPECT_EQ(csv.body, library.str());
    EXPECT_EQ(get("/export", {{"format", "html"}, {"template", "ico"}}).status, 400) << "html is no table";
    EXPECT_EQ(get("/export", {{"format", "csv"}, {"template", "nobody"}}).status, 400);
}

TEST_F(ServedPages, AnExportDownloadedIsTheLibrarysExportOfTheVersionShown) {
    const auto reg = Register::open(db_, {.mode = OpenMode::read_only});
    const auto past = reg.at("sent-to-authority");
    std::ostringstream expected;
    export_record(past, {ExportFormat::json}, expected);
    const auto reply = get("/export", {{"format", "json"}, {"at", "sent-to-authority"}});
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, expected.str());
    EXPECT_EQ(reply.download_name, "register-change-" + std::to_string(past.change()) + ".json");
    EXPECT_EQ(get("/export", {{"format", "pdf"}}).status, 400);
    EXPECT_TRUE(has(get("/exports").body, "/export?format=xlsx"));
}

TEST_F(ServedPages, APastVersionShowsAnActivityRemovedSinceWithItsHistory) {
    auto reg = Register::open(db_);
    const auto before_removal = std::to_string(reg.version()->id);
    reg.remove(EntityKind::activity, "A-LATER", change);
    const auto page = get("/activities/A-LATER", {{"at", before_removal}});
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(has(page.body, "Its history"));
    EXPECT_TRUE(has(page.body, "/?at=" + before_removal + "\"")) << "the change that recorded it";
    EXPECT_EQ(get("/activities/A-LATER").status, 404) << "gone now";
}

TEST_F(ServedPages, TheMatrixAndTheHistoryAreThere) {
    EXPECT_EQ(get("/matrix").status, 200);
    const auto log = get("/log");
    ASSERT_EQ(log.status, 200);
    EXPECT_TRUE(has(log.body, "sent-to-authority"));
    EXPECT_EQ(get("/style.css").content_type, "text/css; charset=utf-8");
}

TEST_F(ServedPages, TheDifferencesBetweenTwoVersionsAreThoseOfRopaDiff) {
    const auto diff = get("/diff", {{"from", "sent-to-authority"}});
    ASSERT_EQ(diff.status, 200) << diff.body;
    // the activity added since the tag, its name escaped
    EXPECT_TRUE(has(diff.body, "activity A-LATER")) << diff.body;
    EXPECT_TRUE(has(diff.body, "1 record differs")) << diff.body;
    EXPECT_FALSE(has(diff.body, "<script>alert"));
    EXPECT_EQ(get("/diff", {{"from", "no-such-tag"}}).status, 404);
    EXPECT_EQ(get("/diff").status, 200);  // the form alone
    // a viewer compares no versions
    EXPECT_EQ(web::respond(db_, "/diff", {{"from", "1"}}, {true, "vera", web::Role::viewer, "t"}).status, 403);
}

TEST(ServedPagesFault, AFileThatIsNoRegisterIsAPageThatSaysSo) {
    TempDir dir;
    EXPECT_EQ(web::respond(dir / "none.db", "/", {}, {}).status, 404);
    std::ofstream(dir / "junk.db") << "not a database";
    EXPECT_EQ(web::respond(dir / "junk.db", "/", {}, {}).status, 500);
}

}  // namespace

// A register of thousands is listed a hundred at a time, the filters kept from page to page.
TEST(ServedPagesLarge, TheActivitiesAreListedAHundredAPage) {
    TempDir dir;
    auto reg = Register::create(dir / "large.db");
    reg.write(change, [](Writer& w) {
        for (int i = 0; i < 250; ++i) {
            char code[16];
            std::snprintf(code, sizeof code, "A%03d", i);
            w.create(EntityKind::activity, std::string(code),
                     {{"name", LocalizedText{{"en", {"Activity " + std::to_string(i), TextStatus::source}}}}});
        }
    });
    const auto first = web::respond(dir / "large.db", "/activities", {{"q", "activity"}}, {});
    ASSERT_EQ(first.status, 200);
    EXPECT_TRUE(has(first.body, "250 activities."));
    EXPECT_TRUE(has(first.body, "Page 1 of 3"));
    EXPECT_TRUE(has(first.body, "/activities/A099\""));
    EXPECT_FALSE(has(first.body, "/activities/A100\""));
    EXPECT_TRUE(has(first.body, "/activities?page=2&amp;q=activity"));
    const auto last = web::respond(dir / "large.db", "/activities", {{"page", "3"}}, {});
    EXPECT_TRUE(has(last.body, "/activities/A249\""));
    EXPECT_FALSE(has(last.body, "/activities/A199\""));
    EXPECT_FALSE(has(last.body, "rel=\"next\""));
    for (const auto* bad : {"0", "4", "x", "99999999"})
        EXPECT_EQ(web::respond(dir / "large.db", "/activities", {{"page", bad}}, {}).status, 400) << bad;
}
