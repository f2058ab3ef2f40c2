// A page of a list (RecordFilter::limit and offset) is the same slice of the whole list, its
// records whole (texts included), and RegisterView::count is the whole list's size: the
// browser's and the API's pages read only the records they show.

#include <gtest/gtest.h>

#include "register_builders.hpp"
#include "ropa/register.hpp"
#include "test_support.hpp"

using namespace ropa;
using ropa::test::change;
using ropa::test::en;
using ropa::test::TempDir;

TEST(RecordPage, APageIsTheSliceOfTheWholeListWithItsTextsAndCountIsTheWholeSize) {
    TempDir dir;
    auto reg = Register::create(dir / "r.db");
    reg.write(change, [](Writer& w) {
        for (int i = 1; i <= 250; ++i)
            w.create(EntityKind::activity, "A" + std::to_string(i),
                     {{"name", en("Activity " + std::to_string(i))},
                      {"department", std::string(i % 3 == 0 ? "HR" : "IT")}});
    });
    const auto all = reg.list(EntityKind::activity);
    ASSERT_EQ(all.size(), 250u);
    EXPECT_EQ(reg.count(EntityKind::activity), 250u);
    const auto codes = [](const std::vector<Record>& records) {
        std::vector<std::string> out;
        for (const auto& record : records)
            out.push_back(*record.code);
        return out;
    };
    RecordFilter page;
    page.limit = 100;
    page.offset = 100;
    const auto second = reg.list(EntityKind::activity, page);
    ASSERT_EQ(second.size(), 100u);
    EXPECT_EQ(codes(second), codes(std::vector<Record>(all.begin() + 100, all.begin() + 200)));
    for (std::size_t i = 0; i < second.size(); ++i)
        EXPECT_EQ(second[i].fields, all[100 + i].fields) << *second[i].code << ": the page's records are whole";
    page.offset = 200;
    EXPECT_EQ(reg.list(EntityKind::activity, page).size(), 50u) << "the last page holds the rest";
    page.offset = 250;
    EXPECT_TRUE(reg.list(EntityKind::activity, page).empty()) << "past the end: nothing";
    // an offset alone skips; a filter pages what it selects, and count counts it
    RecordFilter skip;
    skip.offset = 249;
    EXPECT_EQ(codes(reg.list(EntityKind::activity, skip)), std::vector<std::string>{*all.back().code});
    RecordFilter searched;
    searched.search = "Activity 1";  // 1, 10-19, 100-199
    EXPECT_EQ(reg.count(EntityKind::activity, searched), reg.list(EntityKind::activity, searched).size());
    EXPECT_EQ(reg.count(EntityKind::activity, searched), 111u);
    searched.limit = 5;
    searched.offset = 3;
    const auto found = reg.list(EntityKind::activity, searched);
    searched.limit.reset();
    searched.offset = 0;
    const auto whole = reg.list(EntityKind::activity, searched);
    EXPECT_EQ(codes(found), codes(std::vector<Record>(whole.begin() + 3, whole.begin() + 8)));
    // a past version pages as the present does
    const auto before = reg.version()->id;
    reg.remove(EntityKind::activity, *all.front().code, change);
    EXPECT_EQ(reg.count(EntityKind::activity), 249u);
    EXPECT_EQ(reg.at(std::to_string(before)).count(EntityKind::activity), 250u);
    page.offset = 0;
    page.limit = 1;
    EXPECT_EQ(codes(reg.at(std::to_string(before)).list(EntityKind::activity, page)),
              std::vector<std::string>{*all.front().code});
    // a status that cannot be is refused by count as by list
    RecordFilter wrong;
    wrong.status = "finished";
    EXPECT_EQ(ropa::test::error_code_of([&] { (void)reg.count(EntityKind::activity, wrong); }), Errc::validation);
}
