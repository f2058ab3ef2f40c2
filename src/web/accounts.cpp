#include "web/accounts.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include "ropa/error.hpp"

namespace ropa::web {

namespace {

constexpr std::array role_names{"viewer", "auditor", "editor", "dpo"};

// The file's own mark, so that a register or another SQLite file named as accounts is refused.
constexpr int accounts_application_id = 0x726f7061;  // "ropa"
constexpr int accounts_format = 1;

void require_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            throw Error(Errc::internal, "libsodium could not be initialised");
    });
}

// UTC to the millisecond: a password changed in the second a session was opened still ends it.
std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[40];
    const auto length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(buffer + length, sizeof buffer - length, ".%03dZ", static_cast<int>(millis));
    return buffer;
}

std::string hash_password(std::string_view password) {
    require_sodium();
    check_password(password);
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw Error(Errc::internal, "password: hashing ran out of memory");
    return hash;
}

// Opens the accounts file; `create` makes it (0600, before SQLite writes anything to it) and its
// table when it is missing. Anything else at that path is refused, unchanged.
SQLite::Database open_accounts(const std::filesystem::path& file, bool create) {
    if (create && !std::filesystem::exists(file)) {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            throw Error(Errc::io, "accounts: cannot create " + file.string(), "accounts");
        if (fd >= 0)
            ::close(fd);
    }
    // the file holds password hashes: a link, or a file others may read (a copy restored with
    // `cp`), is refused rather than used
    struct stat status {};
    if (lstat(file.c_str(), &status) == 0) {
        if (!S_ISREG(status.st_mode))
            throw Error(Errc::io, "accounts: " + file.string() + " is not a regular file (a link?); ropa uses none other", "accounts");
        if ((status.st_mode & 077) != 0)
            throw Error(Errc::io,
                        "accounts: " + file.string() + " can be read by other users; make it private: chmod 600 " +
                            file.string(),
                        "accounts");
    }
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);  // never creates: done above
        db.setBusyTimeout(5000);
        const int id = db.execAndGet("PRAGMA application_id").getInt();
        if (id == 0 && db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0) {
            SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
            db.exec("CREATE TABLE IF NOT EXISTS account ("
                    " name TEXT PRIMARY KEY NOT NULL,"
                    " role TEXT NOT NULL CHECK (role IN ('viewer', 'auditor', 'editor', 'dpo')),"
                    " password_hash TEXT NOT NULL,"
                    " created_at TEXT NOT NULL,"
                    " changed_at TEXT NOT NULL,"
                    " password_changed_at TEXT NOT NULL,"
                    " api_token_hash TEXT UNIQUE) STRICT");
            db.exec("PRAGMA application_id = " + std::to_string(accounts_application_id));
            db.exec("PRAGMA user_version = " + std::to_string(accounts_format));
            transaction.commit();
        } else if (id != accounts_application_id) {
            throw Error(Errc::not_a_register, "accounts: " + file.string() + " is not a ropa accounts file", "accounts");
        }
        return db;
    } catch (const SQLite::Exception& e) {
        throw Error(Errc::io, "accounts: " + file.string() + ": " + e.what(), "accounts");
    }
}

// A row of SELECT name, role, created_at, changed_at, password_changed_at.
Account account_of(SQLite::Statement& row) {
    return {row.getColumn(0).getString(), role_from(row.getColumn(1).getString()), row.getColumn(2).getString(),
            row.getColumn(3).getString(), row.getColumn(4).getString()};
}

} // namespace

std::string_view to_string(Role role) noexcept { return role_names[static_cast<std::size_t>(role)]; }

Role role_from(std::string_view name, std::string_view field) {
    for (std::size_t i = 0; i < role_names.size(); ++i)
        if (name == role_names[i])
            return static_cast<Role>(i);
    throw Error(Errc::validation,
                std::string(field) + ": \"" + std::string(name) + "\" is not a role; choose viewer, auditor, editor or dpo",
                std::string(field));
}

std::filesystem::path accounts_file_of(const std::filesystem::path& db) {
    // the register's own path, links resolved: `--db link.db` and `--db real.db` share accounts
    std::error_code ignored;
    auto file = std::filesystem::weakly_canonical(db, ignored);
    if (file.empty())
        file = db;
    file += ".accounts";
    return file;
}

void check_account_name(std::string_view name) {
    if (name.empty() || name.size() > 64)
        throw Error(Errc::validation, "name: an account name has 1 to 64 characters", "name");
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-' || c == '@'))
            throw Error(Errc::validation,
                        "name: \"" + std::string(name) + "\" has a character an account name cannot have; use letters, digits and . _ - @",
                        "name");
}

void check_password(std::string_view password) {
    if (password.size() < 12)
        throw Error(Errc::validation, "password: a password has at least 12 characters", "password");
    if (password.size() > 1024)
        throw Error(Errc::validation, "password: a password has at most 1024 characters", "password");
}

bool AccountStore::any() const {
    if (!std::filesystem::exists(file_))
        return false;
    auto db = open_accounts(file_, false);
    return db.execAndGet("SELECT EXISTS (SELECT 1 FROM account)").getInt() != 0;
}

std::vector<Account> AccountStore::list() const {
    std::vector<Account> accounts;
    if (!std::filesystem::exists(file_))
        return accounts;
    auto db = open_accounts(file_, false);
    SQLite::Statement rows(db, "SELECT name, role, created_at, changed_at, password_changed_at FROM account ORDER BY name");
    while (rows.executeStep())
        accounts.push_back(account_of(rows));
    return accounts;
}

std::optional<Account> AccountStore::find(std::string_view name) const {
    if (!std::filesystem::exists(file_))
        return std::nullopt;
    auto db = open_accounts(file_, false);
    SQLite::Statement row(db, "SELECT name, role, created_at, changed_at, password_changed_at FROM account WHERE name = ?");
    row.bind(1, std::string(name));
    if (!row.executeStep())
        return std::nullopt;
    return account_of(row);
}

void AccountStore::add(std::string_view name, Role role, std::string_view password) {
    check_account_name(name);
    const auto hash = hash_password(password);
    auto db = open_accounts(file_, true);
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement taken(db, "SELECT 1 FROM account WHERE name = ?");
    taken.bind(1, std::string(name));
    if (taken.executeStep())
        throw Error(Errc::conflict, "name: there is already an account " + std::string(name), "name");
    SQLite::Statement insert(db, "INSERT INTO account (name, role, password_hash, created_at, changed_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)");
    const auto now = utc_now();
    insert.bind(1, std::string(name));
    insert.bind(2, std::string(to_string(role)));
    insert.bind(3, hash);
    insert.bind(4, now);
    insert.bind(5, now);
    insert.bind(6, now);
    insert.exec();
    transaction.commit();
}

void AccountStore::remove(std::string_view name) {
    auto db = open_accounts(file_, false);
    SQLite::Statement erase(db, "DELETE FROM account WHERE name = ?");
    erase.bind(1, std::string(name));
    if (erase.exec() == 0)
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
}

void AccountStore::set_password(std::string_view name, std::string_view password) {
    const auto hash = hash_password(password);
    if (!std::filesystem::exists(file_))
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
    auto db = open_accounts(file_, false);
    SQLite::Statement update(db, "UPDATE account SET password_hash = ?1, changed_at = ?2, password_changed_at = ?2 WHERE name = ?3");
    update.bind(1, hash);
    update.bind(2, utc_now());
    update.bind(3, std::string(name));
    if (update.exec() == 0)
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
}

void AccountStore::set_role(std::string_view name, Role role) {
    if (!std::filesystem::exists(file_))
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
    auto db = open_accounts(file_, false);
    SQLite::Statement update(db, "UPDATE account SET role = ?, changed_at = ? WHERE name = ?");
    update.bind(1, std::string(to_string(role)));
    update.bind(2, utc_now());
    update.bind(3, std::string(name));
    if (update.exec() == 0)
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
}

namespace {

std::string token_digest(std::string_view token) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

void set_token_hash(const std::filesystem::path& file, std::string_view name, const std::optional<std::string>& hash) {
    if (!std::filesystem::exists(file))
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
    auto db = open_accounts(file, false);
    SQLite::Statement update(db, "UPDATE account SET api_token_hash = ? WHERE name = ?");
    if (hash)
        update.bind(1, *hash);
    else
        update.bind(1);
    update.bind(2, std::string(name));
    if (update.exec() == 0)
        throw Error(Errc::not_found, "no account " + std::string(name), "name");
}

} // namespace

std::string AccountStore::issue_token(std::string_view name) {
    require_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * sizeof bytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    set_token_hash(file_, name, token_digest(hex));
    return hex;
}

void AccountStore::revoke_token(std::string_view name) { set_token_hash(file_, name, std::nullopt); }

std::optional<Account> AccountStore::account_of_token(std::string_view token) const {
    require_sodium();
    if (token.size() != 64 || !std::filesystem::exists(file_))
        return std::nullopt;
    auto db = open_accounts(file_, false);
    SQLite::Statement row(db, "SELECT name, role, created_at, changed_at, password_changed_at FROM account WHERE api_token_hash = ?");
    row.bind(1, token_digest(token));
    if (!row.executeStep())
        return std::nullopt;
    return account_of(row);
}

std::optional<Account> AccountStore::authenticate(std::string_view name, std::string_view password) const {
    require_sodium();
    // An unknown name is checked against a hash made once, so that it takes as long as a wrong
    // password: how long a refusal takes tells nothing of which names exist.
    static const std::string decoy = hash_password("a password no account has, for timing");
    std::optional<Account> account;
    std::string hash = decoy;
    if (std::filesystem::exists(file_) && password.size() <= 1024) {
        auto db = open_accounts(file_, false);
        SQLite::Statement row(db, "SELECT name, role, created_at, changed_at, password_changed_at, password_hash FROM account WHERE name = ?");
        row.bind(1, std::string(name));
        if (row.executeStep()) {
            account = account_of(row);
            hash = row.getColumn(5).getString();
        }
    }
    const bool matches = password.size() <= 1024 &&
                         crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
    if (!matches || !account)
        return std::nullopt;
    return account;
}

} // namespace ropa::web
