// A form saved after someone else changed its record: refused once (409) with what changed
// shown, then, saved again, it writes what its user changed and keeps the other's changes,
// its fields and its links. The forms are read from the pages and sent back as a browser would.

#include <regex>

#include <gtest/gtest.h>

#include "ropa/register.hpp"
#include "test_support.hpp"
#include "web/forms.hpp"
#include "web/pages.hpp"

using namespace ropa;
using ropa::test::read_file;
using ropa::test::TempDir;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string unescaped(std::string text) {
    for (const auto& [entity, character] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
                                            {"&amp;", "&"}})
        for (std::size_t at; (at = text.find(entity)) != std::string::npos;)
            text.replace(at, std::string_view(entity).size(), character);
    return text;
}

std::string attribute(const std::string& tag, const std::string& name) {
    std::smatch found;
    const std::regex pattern(" " + name + "=\"([^\"]*)\"");
    return std::regex_search(tag, found, pattern) ? unescaped(found[1]) : std::string();
}

// What a browser sends of the first <form class="record"> in `page`: every input with a name
// (checkboxes when ticked), each textarea, each select's chosen option; `typed` replaces values.
web::Form sent_form(const std::string& page, const std::map<std::string, std::string>& typed = {}) {
    const auto start = page.find("<form class=\"record\"");
    const auto form = page.substr(start, page.find("</form>", start) - start);
    web::Form sent;
    const std::regex control(R"(<(input|textarea|select)\b[^>]*>)");
    for (auto it = std::sregex_iterator(form.begin(), form.end(), control); it != std::sregex_iterator(); ++it) {
        const auto tag = it->str();
        const auto name = attribute(tag, "name");
        if (name.empty())
            continue;
        std::string value;
        const auto after = static_cast<std::size_t>(it->position() + it->length());
        if ((*it)[1] == "input") {
            if (has(tag, "type=\"checkbox\"") && !has(tag, " checked"))
                continue;
            value = attribute(tag, "value");
        } else if ((*it)[1] == "textarea") {
            value = unescaped(form.substr(after, form.find("</textarea>", after) - after));
            if (value.starts_with("\n"))
                value.erase(0, 1);  // the parser drops a textarea's first newline
        } else {
            const auto options = form.substr(after, form.find("</select>", after) - after);
            std::smatch chosen;
            if (std::regex_search(options, chosen, std::regex(R"re(<option( value="([^"]*)")? selected>([^<]*)<)re")))
                value = unescaped(chosen[1].matched ? chosen[2].str() : chosen[3].str());
        }
        sent.emplace_back(name, value);
    }
    for (auto& [name, value] : sent)
        if (const auto it = typed.find(name); it != typed.end())
            value = it->second;
    return sent;
}

class StaleForm : public ::testing::Test {
protected:
    void SetUp() override {
        auto reg = Register::create(db_);
        reg.apply_seed("ccb-annex", {"setup", "the annex"});
        ASSERT_EQ(post("/records/subject/new", {{"code", "visitors"}, {"f:name", "Visitors"}, {"reason", "x"}}).status, 303);
        ASSERT_EQ(post("/records/activity/new",
                       {{"code", "A-VISIT"}, {"f:name", "Visitor reception"}, {"f:owner", "Reception"},
                        {"m:l:activity-category", "1"}, {"l:activity-category", "identification"},
                        {"l:activity-category", "video-surveillance"}, {"reason", "record the reception"}})
                      .status,
                  303);
    }
    web::Reply post(const std::string& path, const web::Form& form) const { return web::submit(db_, path, form, editor_); }
    std::string edit_page() const { return web::respond(db_, "/records/activity/A-VISIT/edit", {}, editor_).body; }
    Record activity() const { return Register::open(db_, {.mode = OpenMode::read_only}).get(EntityKind::activity, "A-VISIT"); }
    std::vector<std::string> categories() const {
        std::vector<std::string> codes;
        for (const auto& link :
             Register::open(db_, {.mode = OpenMode::read_only}).list_links(LinkKind::activity_data_category, "A-VISIT"))
            codes.push_back(link.to);
        return codes;
    }
    TempDir dir_;
    std::filesystem::path db_ = dir_ / "ropa.db";
    web::Visitor editor_{true, "erik", web::Role::editor, "token"};
};

} // namespace

TEST_F(StaleForm, SavedAgainItWritesItsUsersChangesAndKeepsTheOthers) {
    // Erik opens the form; meanwhile Elin changes the owner and unticks a data category
    const auto read = edit_page();
    ASSERT_EQ(post("/records/activity/A-VISIT/edit",
                   sent_form(edit_page(), {{"f:owner", "Facilities"}, {"reason", "the new owner"}}))
                  .status,
              303);
    auto elins = sent_form(edit_page(), {{"reason", "no cameras"}});
    std::erase(elins, web::Form::value_type{"l:activity-category", "video-surveillance"});
    ASSERT_EQ(post("/records/activity/A-VISIT/edit", elins).status, 303);
    ASSERT_EQ(categories(), std::vector<std::string>{"identification"});

    // Erik's save of his notes, from the form he read before: refused, nothing written
    const auto before = read_file(db_);
    const auto refused = post("/records/activity/A-VISIT/edit", sent_form(read, {{"f:notes", "badges at the desk"},
                                                                                 {"reason", "how it is done"}}));
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(read_file(db_), before);
    // the form again: his notes kept; the owner he did not touch shows the value now recorded
    const auto again = sent_form(refused.body);
    EXPECT_TRUE(has(refused.body, "badges at the desk")) << refused.body;
    // said where the record changed (the owner, the categories), not where he typed (the notes)
    std::size_t notes = 0;
    for (auto at = refused.body.find("Changed since you read it"); at != std::string::npos;
         at = refused.body.find("Changed since you read it", at + 1))
        ++notes;
    EXPECT_EQ(notes, 2u) << refused.body;
    EXPECT_TRUE(has(refused.body, "the field shows what is recorded now"));
    EXPECT_TRUE(has(refused.body, "the boxes show what is linked now"));
    EXPECT_TRUE(std::find(again.begin(), again.end(), web::Form::value_type{"f:owner", "Facilities"}) != again.end());
    EXPECT_TRUE(std::find(again.begin(), again.end(), web::Form::value_type{"l:activity-category", "video-surveillance"}) ==
                again.end())
        << "a link group he did not touch shows the links now recorded";

    // saved again: his change, and Elin's owner and unticked category kept
    const auto saved = post("/records/activity/A-VISIT/edit", again);
    ASSERT_EQ(saved.status, 303) << saved.body;
    const auto now = activity();
    EXPECT_EQ(value_text(now.fields.at("notes")), "badges at the desk");
    EXPECT_EQ(value_text(now.fields.at("owner")), "Facilities");
    EXPECT_EQ(categories(), std::vector<std::string>{"identification"});
}

TEST_F(StaleForm, WhatItsUserChangedIsShownBesideWhatIsRecordedNow) {
    const auto read = edit_page();
    ASSERT_EQ(post("/records/activity/A-VISIT/edit", sent_form(edit_page(), {{"f:owner", "Facilities"}, {"reason", "x"}}))
                  .status,
              303);
    auto mine = sent_form(read, {{"f:owner", "Front desk"}, {"reason", "mine"}});
    mine.emplace_back("l:activity-category", "navigation");  // he ticks one more
    const auto refused = post("/records/activity/A-VISIT/edit", mine);
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_TRUE(has(refused.body, "now recorded: Facilities")) << refused.body;
    // saved again, his own values win where he changed them, and his ticked category is added
    ASSERT_EQ(post("/records/activity/A-VISIT/edit", sent_form(refused.body)).status, 303);
    EXPECT_EQ(value_text(activity().fields.at("owner")), "Front desk");
    EXPECT_EQ(categories(), (std::vector<std::string>{"identification", "navigation", "video-surveillance"}));
}

TEST_F(StaleForm, ARefusalForAnotherReasonKeepsTheFormStale) {
    // a form refused for its missing reason while someone else changed the record is shown
    // again still as read: saved then, it is refused as stale, never written over the change
    const auto read = edit_page();
    ASSERT_EQ(post("/records/activity/A-VISIT/edit", sent_form(edit_page(), {{"f:owner", "Facilities"}, {"reason", "x"}}))
                  .status,
              303);
    const auto no_reason = post("/records/activity/A-VISIT/edit", sent_form(read, {{"f:notes", "mine"}, {"reason", ""}}));
    ASSERT_EQ(no_reason.status, 422) << no_reason.body;
    const auto stale = post("/records/activity/A-VISIT/edit", sent_form(no_reason.body, {{"reason", "now with a reason"}}));
    EXPECT_EQ(stale.status, 409) << stale.body;
    EXPECT_EQ(value_text(activity().fields.at("owner")), "Facilities");
}
