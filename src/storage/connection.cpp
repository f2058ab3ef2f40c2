#include "storage/connection.hpp"

#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "core/log_internal.hpp"

namespace ropa::detail {

namespace {

} // namespace

std::string file_uri(const std::filesystem::path& path, const char* query) {
    std::string uri = "file:";
    for (unsigned char c : std::filesystem::absolute(path).string()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        }
    }
    return uri + "?" + query;
}

namespace {

// SQLite's busy handler: wait for the writer holding the register, saying so after a
// moment (a user at a terminal otherwise sees a command hang), up to busy_timeout_ms.
// SQLite gives no order among waiters; each retries every few milliseconds.
int wait_for_other_writer(void* state, int attempt) {
    auto& wait = *static_cast<Connection::BusyWait*>(state);
    const auto now = std::chrono::steady_clock::now();
    if (attempt == 0) {
        wait.since = now;
        wait.announced = false;
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - wait.since).count();
    if (waited >= busy_timeout_ms)
        return 0;
    if (!wait.announced && waited >= busy_announce_ms) {
        logger()->warn("waiting for another process that is writing {} (up to {} minutes)", wait.path,
                       busy_timeout_ms / 60000);
        wait.announced = true;
    }
    ::usleep(static_cast<useconds_t>(std::min(attempt + 1, 20) * 5000));  // 5 ms, growing to 100 ms
    return 1;
}

struct FileState {
    bool exists = false;
    std::int64_t size = 0;
};

FileState file_state(const std::filesystem::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return {};
    return {true, static_cast<std::int64_t>(status.st_size)};
}

bool writable(const std::filesystem::path& path) {
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    return ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

bool disk_is_full(const std::filesystem::path& path) {
    std::error_code error;
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const auto space = std::filesystem::space(folder, error);
    return !error && space.available < 64 * 1024;
}

// What a failed attempt to make the working files left: a -shm too short to be in use by
// anyone (a live one is at least 32 KiB) and an empty -wal; the register is as it was.
void remove_unusable_working_files(const std::filesystem::path& path) {
    const auto shm = file_state(path.string() + "-shm"), wal = file_state(path.string() + "-wal");
    if (shm.exists && shm.size < 32 * 1024) {
        ::unlink((path.string() + "-shm").c_str());
        if (wal.exists && wal.size == 0)
            ::unlink((path.string() + "-wal").c_str());
    }
}

std::unique_ptr<Database> checked(std::unique_ptr<Database> db) {
    // Any read shows whether the file can be read so; a pragma does not make SQLite parse
    // the schema (some 100 triggers), which would cost more than the rest of a short command.
    db->execAndGet("PRAGMA user_version");
    return db;
}

// Opens for reading without creating or changing a file, and without ever showing an older
// version as the current one (the trial showed an auditor a stale register, verify "ok").
// A WAL register's committed changes may still be in its -wal file, which SQLite reads through
// the -shm index; SQLite's read-only connections create both files where the folder allows
// and cannot remove them. So:
// - changes in the -wal: read them through the existing -shm, or refuse when either cannot
//   be used (unreadable -wal, missing -shm after a crash) rather than show the file without them;
// - nothing in a -wal: the main file holds every committed change. A connection that may
//   write the file but is told to write nothing (query_only) reads it and, being the last
//   to close, removes the -wal and -shm SQLite made; where ropa cannot write the file or the
//   folder (read-only media, an auditor's copy), immutable=1, SQLite's way for such files.
std::unique_ptr<Database> open_read_only(const std::filesystem::path& path, int busy_timeout) {
    const auto wal = file_state(path.string() + "-wal"), shm = file_state(path.string() + "-shm");
    if (wal.size > 0) {
        if (::access((path.string() + "-wal").c_str(), R_OK) != 0)
            throw Error(Errc::io, "cannot read " + path.string() +
                                      "-wal, which holds changes committed to the register: without them it would look "
                                      "older than it is",
                        "path");
        if (!shm.exists)
            throw Error(Errc::io, path.string() + "-wal holds committed changes and " + path.string() +
                                      "-shm is missing (a writer stopped abruptly): `ropa migrate`, which opens it for "
                                      "writing, recovers them; reading commands change no file",
                        "path");
        try {
            return checked(std::make_unique<Database>(path, SQLite::OPEN_READONLY, busy_timeout));
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_READONLY && e.getErrorCode() != SQLITE_CANTOPEN)
                throw;
            throw Error(Errc::io, "cannot read the changes in " + path.string() + "-wal without write access to " +
                                      path.string() + "-shm: without them the register would look older than it is",
                        "path");
        }
    }
    // Where SQLite cannot make its -shm (a full disk, read-only media), the main file is read
    // as it is: it holds every committed change, and nobody can be writing a -wal there.
    auto cannot_make_files = [](const SQLite::Exception& e) {
        const int code = e.getErrorCode();
        return code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL;
    };
    try {
        if (!shm.exists && writable(path)) {
            auto db = checked(std::make_unique<Database>(path, SQLite::OPEN_READWRITE, busy_timeout));
            db->exec("PRAGMA query_only = ON");
            return db;
        }
        return checked(std::make_unique<Database>(path, SQLite::OPEN_READONLY, busy_timeout));
    } catch (const SQLite::Exception& e) {
        if (!cannot_make_files(e))
            throw;
        if (!shm.exists)
            remove_unusable_working_files(path);
        return std::make_unique<Database>(file_uri(path, "immutable=1"), SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                                          busy_timeout);
    }
}

std::int64_t pragma_int(Database& db, const char* pragma) {
    return db.execAndGet(std::string("PRAGMA ") + pragma).getInt64();
}

} // namespace

namespace {

// SQLite would block forever opening a FIFO and report a folder as "disk I/O error": what is
// not a regular file is refused by name before SQLite sees it.
void require_register_file(const std::filesystem::path& path, bool creating) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return;  // SQLite reports it (not found, permission)
    if (S_ISDIR(status.st_mode))
        throw Error(Errc::io, path.string() + " is a folder; a register is a file (see --db)", "path");
    if (!S_ISREG(status.st_mode))
        throw Error(Errc::io, path.string() + " is not a regular file (a device, FIFO or socket); a register is a file",
                    "path");
    if (!creating && status.st_size == 0)
        throw Error(Errc::not_a_register,
                    path.string() + " is an empty file, not a ropa register (`ropa init` creates one at a new path)",
                    "path");
}

} // namespace

int probe_schema_level(const std::filesystem::path& path, bool creating, OpenMode mode) {
    require_register_file(path, creating);
    const bool had_shm = file_state(path.string() + "-shm").exists;
    try {
        // Reading the header of a register in WAL mode is a read like any other: while another
        // process checkpoints it can be busy for a moment, so the probe waits as readers do.
        // Before a write the probe reads as the writer will (recovering a -wal left by a
        // crash), but writes nothing: a file that is not a register is left as it was.
        auto probe_db = mode == OpenMode::read_only
                            ? open_read_only(path, busy_timeout_ms)
                            : checked(std::make_unique<Database>(path, SQLite::OPEN_READWRITE, busy_timeout_ms));
        if (mode == OpenMode::read_write)
            probe_db->exec("PRAGMA query_only = ON");
        auto& probe = *probe_db;
        const auto application_id = pragma_int(probe, "application_id");
        const auto level = pragma_int(probe, "user_version");
        if (application_id == ropa_application_id && level < 0)
            throw Error(Errc::not_a_register, path.string() + " carries ropa's identity but schema level " +
                                                  std::to_string(level) + ", which no ropa writes: it is damaged",
                        "path");
        if (application_id == ropa_application_id)
            return static_cast<int>(level);
        if (creating && application_id == 0 && level == 0 &&
            probe.execAndGet("SELECT count(*) FROM sqlite_schema").getInt64() == 0)
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
        if ((e.getErrorCode() == SQLITE_IOERR || e.getErrorCode() == SQLITE_FULL) && disk_is_full(path)) {
            if (!had_shm)
                remove_unusable_working_files(path);
            throw Error(Errc::storage, "the disk holding " + path.string() +
                                           " is full: SQLite cannot make its working files; free some space (nothing "
                                           "was written)",
                        "path");
        }
        throw_storage_error(e, "read the register's identity");
    }
}

Connection::Connection(std::filesystem::path path, OpenMode mode)
    : path_(std::move(path)), read_only_(mode == OpenMode::read_only) {
    try {
        db_ = read_only_ ? open_read_only(path_, busy_timeout_ms)
                         : std::make_unique<Database>(path_, SQLite::OPEN_READWRITE, busy_timeout_ms);
        // Per-connection settings, every time: SQLite does not keep them in the file
        // (except journal_mode, which a read-only connection cannot set).
        db_->exec("PRAGMA foreign_keys = ON");
        if (!read_only_) {
            db_->exec("PRAGMA journal_mode = WAL");
            db_->exec("PRAGMA synchronous = FULL");
            // A change is one transaction, and an import one large change: with SQLite's default
            // 2 MB page cache, it spilled pages to the WAL again and again before the commit.
            db_->exec("PRAGMA cache_size = -32768");
            // Every insert fires a history trigger that may abort, so SQLite keeps a statement
            // journal for it; in a temporary file, that was a write() per statement.
            db_->exec("PRAGMA temp_store = MEMORY");
        }
        busy_ = std::make_unique<BusyWait>(BusyWait{path_.string(), {}, false});
        sqlite3_busy_handler(db_->getHandle(), &wait_for_other_writer, busy_.get());
    } catch (const SQLite::Exception& e) {
        throw_storage_error(e, "open " + path_.string());
    }
    logger()->debug("opened {} ({})", path_.string(), read_only_ ? "read-only" : "read-write");
}

Connection::Connection(std::unique_ptr<Database> snapshot, std::filesystem::path label)
    : path_(std::move(label)), read_only_(true), db_(std::move(snapshot)) {}

bool Connection::in_transaction() const noexcept { return sqlite3_get_autocommit(db_->getHandle()) == 0; }

int Connection::schema_level() const {
    try {
        return static_cast<int>(db_->execAndGet("PRAGMA user_version").getInt());
    } catch (const SQLite::Exception& e) {
        throw_storage_error(e, "read the schema level");
    }
}

namespace {

// SQLite's constraint messages ("UNIQUE constraint failed: retention.activity_id, ...") in
// words a user reads; ropa's own checks run first and name the field, so these are rare.
std::string constraint_in_words(int extended, const std::string& what) {
    const auto colon = what.find(": ");
    std::string detail = colon == std::string::npos ? std::string() : what.substr(colon + 2);
    auto plain_columns = [](std::string columns) {
        std::string out;
        std::size_t start = 0;
        while (start <= columns.size()) {
            auto end = columns.find(", ", start);
            if (end == std::string::npos)
                end = columns.size();
            auto column = columns.substr(start, end - start);
            if (auto dot = column.find('.'); dot != std::string::npos)
                column = column.substr(dot + 1);
            if (column.size() > 3 && column.compare(column.size() - 3, 3, "_id") == 0)
                column.resize(column.size() - 3);
            out += (out.empty() ? "" : " and ") + column;
            start = end + 2;
        }
        return out;
    };
    const std::string table = detail.substr(0, detail.find('.'));
    switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return table + ": a record with the same " + plain_columns(detail) + " already exists";
    case SQLITE_CONSTRAINT_NOTNULL: return table + "." + plain_columns(detail) + ": is required";
    case SQLITE_CONSTRAINT_CHECK: return "a value breaks a rule of the register's schema (" + detail + ")";
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return "a reference names a record that does not exist, or a record is still referred to";
    default: return what;
    }
}

} // namespace

void throw_storage_error(const SQLite::Exception& e, std::string_view doing) {
    const int extended = e.getExtendedErrorCode();
    const bool constraint = e.getErrorCode() == SQLITE_CONSTRAINT;
    std::string message =
        "cannot " + std::string(doing) + ": " + (constraint ? constraint_in_words(extended, e.what()) : e.what());
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
    if (e.getErrorCode() == SQLITE_BUSY)
        throw Error(Errc::storage, "cannot " + std::string(doing) + ": another process kept the register busy for " +
                                       std::to_string(busy_timeout_ms / 60000) + " minutes; try again later");
    throw Error(Errc::storage, message);
}

} // namespace ropa::detail
