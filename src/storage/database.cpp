#include "storage/database.hpp"

namespace ropa::detail {

PreparedStatement::PreparedStatement(const Database& db, const std::string& sql) {
    auto it = db.cache_.find(sql);
    if (it == db.cache_.end() && db.cache_.size() < Database::max_cached)
        it = db.cache_.emplace(sql, Database::Cached{std::make_unique<SQLite::Statement>(db, sql)}).first;
    if (it != db.cache_.end() && !it->second.in_use) {
        entry_ = &it->second;
        entry_->in_use = true;
        statement_ = entry_->statement.get();
        return;
    }
    uncached_ = std::make_unique<SQLite::Statement>(db, sql);
    statement_ = uncached_.get();
}

PreparedStatement::~PreparedStatement() {
    if (!entry_)
        return;
    statement_->tryReset();
    try {
        statement_->clearBindings();  // sqlite3_clear_bindings only ever returns SQLITE_OK
    } catch (...) {
    }
    entry_->in_use = false;
}

} // namespace ropa::detail
