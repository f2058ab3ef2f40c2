#include "storage/connection.hpp"

#include <sqlite3.h>

#include "log_internal.hpp"

namespace ropa::detail {

namespace {

std::int64_t pragma_int(SQLite::Database& db, const char* pragma) {
    return db.execAndGet(std::string("PRAGMA ") + pragma).getInt64();
}

} // namespace

int probe_schema_level(const std::filesystem::path& path, bool creating) {
    try {
        SQLite::Database probe(path, SQLite::OPEN_READONLY);
        const auto application_id = pragma_int(probe, "application_id");
        const auto level = pragma_int(probe, "user_version");
        const auto objects = probe.execAndGet("SELECT count(*) FROM sqlite_schema").getInt64();
        if (creating && application_id == 0 && level == 0 && objects == 0)
            return 0;
        if (application_id != ropa_application_id)
            throw Error(Errc::not_a_register,
                        path.string() + " is not a ropa register (it is a SQLite database of another application)");
        return static_cast<int>(level);
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_NOTADB)
            throw Error(Errc::not_a_register, path.string() + " is not a ropa register (not a SQLite database)");
        if (e.getErrorCode() == SQLITE_CANTOPEN)
            throw Error(Errc::io, "cannot open " + path.string() + ": " + e.what());
        throw_storage_error(e, "read the register's identity");
    }
}

Connection::Connection(std::filesystem::path path, OpenMode mode)
    : path_(std::move(path)), read_only_(mode == OpenMode::read_only) {
    try {
        db_ = std::make_unique<SQLite::Database>(
            path_, read_only_ ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE, busy_timeout_ms);
        // Per-connection settings, every time: SQLite does not keep them in the file
        // (except journal_mode, which a read-only connection cannot set).
        db_->exec("PRAGMA foreign_keys = ON");
        if (!read_only_) {
            db_->exec("PRAGMA journal_mode = WAL");
            db_->exec("PRAGMA synchronous = FULL");
        }
    } catch (const SQLite::Exception& e) {
        throw_storage_error(e, "open " + path_.string());
    }
    logger()->debug("opened {} ({})", path_.string(), read_only_ ? "read-only" : "read-write");
}

Connection::Connection(std::unique_ptr<SQLite::Database> snapshot, std::filesystem::path label)
    : path_(std::move(label)), read_only_(true), db_(std::move(snapshot)) {}

int Connection::schema_level() const {
    try {
        return static_cast<int>(db_->execAndGet("PRAGMA user_version").getInt());
    } catch (const SQLite::Exception& e) {
        throw_storage_error(e, "read the schema level");
    }
}

void throw_storage_error(const SQLite::Exception& e, std::string_view doing) {
    const int extended = e.getExtendedErrorCode();
    std::string message = "cannot " + std::string(doing) + ": " + e.what();
    switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        throw Error(Errc::conflict, message);
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        throw Error(Errc::validation, message);
    default:
        break;
    }
    if (e.getErrorCode() == SQLITE_READONLY)
        throw Error(Errc::io, message);
    throw Error(Errc::storage, message);
}

} // namespace ropa::detail
