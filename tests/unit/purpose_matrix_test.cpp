#include "domain/purpose_matrix.hpp"

#include <gtest/gtest.h>

using namespace ropa;

namespace {
LocalizedText nl(const std::string& value) { return {{"nl", {value, TextStatus::source}}}; }
}  // namespace

TEST(PurposeMatrix, PlacesEachAllowedLinkInItsColumnWithItsNote) {
    std::vector<Purpose> purposes{{1, "P1", nl("een"), {}, {}, 1, {}, 1}, {2, "P2", nl("twee"), {}, {}, 2, {}, 1}};
    std::vector<DataCategory> categories{{1, "a", nl("A"), {}, false, false, 1, 1},
                                         {2, "b", nl("B"), {}, false, true, 2, 1}};
    std::vector<PurposeCategoryLink> links{{"P1", "b", nl("let op"), {}}, {"P2", "a", {}, {}}, {"P2", "b", {}, {}},
                                           {"P9", "a", {}, {}}};  // a link to an unknown purpose is ignored
    auto matrix = detail::build_purpose_matrix(purposes, categories, links, {});
    ASSERT_EQ(matrix.rows.size(), 2u);
    ASSERT_EQ(matrix.columns.size(), 2u);
    EXPECT_FALSE(matrix.rows[0].cells[0].has_value());
    ASSERT_TRUE(matrix.rows[0].cells[1].has_value());
    EXPECT_EQ(pick_value(matrix.rows[0].cells[1]->note, "nl"), "let op");
    EXPECT_TRUE(matrix.rows[1].cells[0].has_value());
    EXPECT_TRUE(matrix.rows[1].cells[1].has_value());
    EXPECT_TRUE(matrix.rows[1].cells[1]->note.empty());
}

TEST(LocalizedTextPick, PrefersTheAskedLanguageThenTheSource) {
    LocalizedText text{{"en", {"Purpose", TextStatus::unofficial}}, {"nl", {"Doel", TextStatus::source}}};
    EXPECT_EQ(pick_value(text, "en"), "Purpose");
    EXPECT_EQ(pick_value(text, "de"), "Doel");
    EXPECT_EQ(pick_value(text, ""), "Doel");
    EXPECT_EQ(pick_value({}, "nl"), "");
    EXPECT_EQ(pick(text, "en")->status, TextStatus::unofficial);
}
