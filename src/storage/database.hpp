#pragma once
// A SQLite connection that keeps its prepared statements. Preparing SQL costs more than
// running it for ropa's short statements (perf: 63% of a bulk write was sqlite3_prepare_v2),
// so every statement storage runs is prepared once per connection and reused.

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace ropa::detail {

class PreparedStatement;

class Database : public SQLite::Database {
public:
    using SQLite::Database::Database;

private:
    friend class PreparedStatement;
    struct Cached {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;
    };
    /// The SQL ropa runs is built only from its own constants, so this stays small; the cap
    /// guards against a caller that builds many shapes (each column subset of an update).
    static constexpr std::size_t max_cached = 512;
    mutable std::map<std::string, Cached, std::less<>> cache_;
};

/// A statement of `db` for `sql`: the cached one when it is free, else a fresh one (a query
/// running while the same query is open, as in a recursive read). Reset and unbound when it
/// goes out of scope, so no cached statement holds a read open or keeps old values bound.
class PreparedStatement {
public:
    PreparedStatement(const Database& db, const std::string& sql);
    ~PreparedStatement();
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    SQLite::Statement* operator->() noexcept { return statement_; }

    template <class... Args>
    void bind(Args&&... args) { statement_->bind(std::forward<Args>(args)...); }
    bool executeStep() { return statement_->executeStep(); }
    int exec() { return statement_->exec(); }
    SQLite::Column getColumn(int index) { return statement_->getColumn(index); }
    void reset() { statement_->reset(); }

private:
    SQLite::Statement* statement_ = nullptr;
    Database::Cached* entry_ = nullptr;            ///< the cache slot held, if any
    std::unique_ptr<SQLite::Statement> uncached_;  ///< else the statement owned here
};

} // namespace ropa::detail
