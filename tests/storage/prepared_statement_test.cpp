// The per-connection statement cache: reuse, nesting, and release.

#include <gtest/gtest.h>

#include "storage/database.hpp"

using ropa::detail::Database;
using ropa::detail::PreparedStatement;

namespace {

Database numbers() {
    Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3)");
    return db;
}

const std::string above = "SELECT v FROM n WHERE v > ? ORDER BY v";

} // namespace

TEST(PreparedStatement, ReusesTheStatementOfTheSameSql) {
    auto db = numbers();
    const SQLite::Statement* first = nullptr;
    {
        PreparedStatement query(db, above);
        first = query.operator->();
    }
    PreparedStatement again(db, above);
    EXPECT_EQ(again.operator->(), first);
}

TEST(PreparedStatement, ANestedUseOfTheSameSqlGetsItsOwnStatement) {
    auto db = numbers();
    PreparedStatement outer(db, above);
    outer.bind(1, 0);
    std::vector<int> pairs;
    while (outer.executeStep()) {
        PreparedStatement inner(db, above);
        EXPECT_NE(inner.operator->(), outer.operator->());
        inner.bind(1, outer.getColumn(0).getInt());
        while (inner.executeStep())
            pairs.push_back(outer.getColumn(0).getInt() * 10 + inner.getColumn(0).getInt());
    }
    EXPECT_EQ(pairs, (std::vector<int>{12, 13, 23}));
}

TEST(PreparedStatement, ReleaseResetsAndUnbinds) {
    auto db = numbers();
    {
        PreparedStatement query(db, above);
        query.bind(1, 1);
        ASSERT_TRUE(query.executeStep());  // left half-read on purpose
        EXPECT_EQ(query.getColumn(0).getInt(), 2);
    }
    {
        PreparedStatement query(db, above);
        // unbound: v > NULL matches nothing; a stale binding of 1 would match 2 and 3
        EXPECT_FALSE(query.executeStep());
    }
    // and the half-read query was not left running: a running one would lock the table
    EXPECT_NO_THROW(db.exec("DROP TABLE n"));
}
