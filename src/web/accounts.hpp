#pragma once
// The accounts of `ropa serve`: who may sign in, with which role. They live in a file of their
// own beside the register (ropa.db -> ropa.db.accounts, mode 0600), never in the register: a
// password hash must not enter the register's history (kept for ever), its exports or a copy
// sent to the authority. docs/decisions.md, D43.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ropa::web {

/// What an account may do; each role may do what the ones before it may.
///   viewer   read the newest version
///   auditor  and read any past version, and download the exports
///   editor   and write: add and edit records, drafts of activities (never approve)
///   dpo      and everything: approve, the allowed links, the catalogue, the controller
enum class Role { viewer, auditor, editor, dpo };

std::string_view to_string(Role role) noexcept;
/// Throws Error{validation} naming `field` for a role that is none of the four.
Role role_from(std::string_view name, std::string_view field = "role");

struct Account {
    std::string name;
    Role role = Role::viewer;
    std::string created_at;  ///< UTC, ISO 8601
    std::string changed_at;  ///< the last change of its password or role
    std::string password_changed_at;  ///< a session opened before this ends (ropa user passwd)
};

/// The accounts file of the register at `db`: the register's path with ".accounts" added.
std::filesystem::path accounts_file_of(const std::filesystem::path& db);

/// The accounts file. Every call opens it, does its work in one transaction, and closes it, so
/// that `ropa user` and a running server see each other's changes at once.
class AccountStore {
public:
    explicit AccountStore(std::filesystem::path file) : file_(std::move(file)) {}

    /// Whether any account exists (false when the file does not): a register without one is
    /// served read-only on loopback.
    bool any() const;
    std::vector<Account> list() const;
    std::optional<Account> find(std::string_view name) const;

    /// Creates the account (and the file, mode 0600, if it is missing). The password is hashed
    /// with Argon2id (libsodium's interactive limits). Throws Error{validation} for a name or
    /// password that is refused (naming "name" or "password"), Error{conflict} if the name is taken.
    void add(std::string_view name, Role role, std::string_view password);
    /// Throws Error{not_found}.
    void remove(std::string_view name);
    /// Throws Error{not_found}; Error{validation} for a refused password.
    void set_password(std::string_view name, std::string_view password);
    /// Throws Error{not_found}.
    void set_role(std::string_view name, Role role);

    /// A new API token for the account (256 random bits, hex), replacing any it had: shown once,
    /// kept as its hash. Throws Error{not_found}.
    std::string issue_token(std::string_view name);
    /// Withdraws the account's API token. Throws Error{not_found}.
    void revoke_token(std::string_view name);
    /// The account whose API token `token` is; std::nullopt for any other string.
    std::optional<Account> account_of_token(std::string_view token) const;

    /// The account, when `password` is its password; std::nullopt otherwise (an unknown name
    /// costs the same time as a wrong password, so that names cannot be probed).
    std::optional<Account> authenticate(std::string_view name, std::string_view password) const;

private:
    std::filesystem::path file_;
};

/// Throws Error{validation} naming "name" unless `name` can name an account: 1 to 64 bytes of
/// letters, digits and . _ - @ (it is recorded as the author of every change made under it).
void check_account_name(std::string_view name);
/// Throws Error{validation} naming "password" unless it is 12 to 1024 bytes.
void check_password(std::string_view password);

} // namespace ropa::web
