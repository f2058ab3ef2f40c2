#pragma once
// The only owner of a SQLite connection. Everything that speaks SQL lives in src/storage.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

#include "storage/database.hpp"
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>

#include "ropa/error.hpp"
#include "ropa/model.hpp"

namespace ropa::detail {

/// PRAGMA application_id of every ropa register: the bytes "ROPA".
inline constexpr std::int32_t ropa_application_id = 0x524F5041;

/// How long a connection waits for another writer before giving up (ms): a writer waits out
/// a long import (minutes for 100,000 activities) instead of failing after a fixed 10 s.
inline constexpr int busy_timeout_ms = 10 * 60 * 1000;
/// After this long (ms), a waiting connection says that it is waiting, and for whom.
inline constexpr int busy_announce_ms = 2000;

class Connection {
public:
    /// Opens `path` and applies the per-connection settings. Call probe_schema_level first:
    /// this constructor trusts that the file is a ropa register (or an empty file of ours).
    Connection(std::filesystem::path path, OpenMode mode);

    /// A read-only connection over a database built in memory (an as-of snapshot); `label`
    /// names it in messages.
    Connection(std::unique_ptr<Database> snapshot, std::filesystem::path label);

    Database& db() noexcept { return *db_; }
    const Database& db() const noexcept { return *db_; }
    const std::filesystem::path& path() const noexcept { return path_; }
    bool read_only() const noexcept { return read_only_; }

    /// Whether a transaction is open on this connection.
    bool in_transaction() const noexcept;

    /// PRAGMA user_version: the migration level of the file.
    int schema_level() const;

    /// Held by every call on the Register that owns this connection (Register::hold): one
    /// handle shared by threads serves one call at a time (docs/api.md, Threads). Recursive,
    /// since a call may make others (an import lists and writes).
    std::recursive_mutex& calls() const noexcept { return calls_; }

    /// What the busy handler knows of one wait.
    struct BusyWait {
        std::string path;
        std::chrono::steady_clock::time_point since;
        bool announced = false;
    };

private:
    std::filesystem::path path_;
    bool read_only_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<BusyWait> busy_;  // stable address for SQLite's busy handler
    mutable std::recursive_mutex calls_;
};

/// Reads the identity of `path` on a short-lived read-only connection, writing nothing, and
/// returns its schema level. Throws Error{not_a_register} unless the file carries ropa's
/// application_id; with `creating`, an empty database (level 0, no tables) is accepted too.
int probe_schema_level(const std::filesystem::path& path, bool creating, OpenMode mode = OpenMode::read_only);

/// A file URI for `path` with `query` ("mode=ro", "immutable=1"), percent-encoding what URIs
/// reserve.
std::string file_uri(const std::filesystem::path& path, const char* query);

/// Translates a SQLite error into ropa's error type: constraint failures become
/// validation or conflict errors, everything else a storage error.
[[noreturn]] void throw_storage_error(const SQLite::Exception& e, std::string_view doing);

/// Runs `work` inside one IMMEDIATE transaction: committed when it returns, rolled back
/// if it throws. SQLite errors are translated by throw_storage_error.
template <class Work>
auto in_write_transaction(Connection& connection, std::string_view doing, Work&& work) {
    if (connection.read_only())
        throw Error(Errc::io, "the register is open read-only: cannot " + std::string(doing));
    try {
        SQLite::Transaction transaction(connection.db(), SQLite::TransactionBehavior::IMMEDIATE);
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            transaction.commit();
        } else {
            auto result = work();
            transaction.commit();
            return result;
        }
    } catch (const SQLite::Exception& e) {
        throw_storage_error(e, doing);
    }
}

/// Runs `read` with SQLite errors translated by throw_storage_error.
template <class Read>
auto translating_storage_errors(std::string_view doing, Read&& read) {
    try {
        return read();
    } catch (const SQLite::Exception& e) {
        throw_storage_error(e, doing);
    }
}

/// Runs `read` inside one read transaction, so that its several queries see one state of the
/// register even while other processes write. Inside a transaction already open on the
/// connection, it simply runs (the outer one gives the same guarantee).
template <class Read>
auto in_read_transaction(Connection& connection, std::string_view doing, Read&& read) {
    return translating_storage_errors(doing, [&] {
        if (connection.in_transaction())
            return read();
        SQLite::Transaction transaction(connection.db(), SQLite::TransactionBehavior::DEFERRED);
        auto result = read();
        transaction.commit();  // ends the read; nothing was written
        return result;
    });
}

} // namespace ropa::detail
