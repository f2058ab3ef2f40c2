#pragma once
// What every command shares: the global options, and the action chosen by parsing.

#include <functional>
#include <stdexcept>
#include <string>

namespace ropa::cli {

struct GlobalOptions {
    std::string db = "ropa.db";
    bool read_only = false;
    std::string actor;  // --actor / $ROPA_ACTOR; else the login name
    std::string at;     // --at REF: read a past version
};

/// A command line that parsed but makes no sense (a write without -m, --at on a write).
/// main reports it like CLI11's parse errors, with exit status 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Context {
    GlobalOptions global;
    /// Set by the chosen subcommand's callback; main runs it after parsing and returns its
    /// exit status. Keeps CLI11's parse errors apart from the library's errors.
    std::function<int()> action;
};

} // namespace ropa::cli

#include <optional>

#include "ropa/register.hpp"

namespace ropa::cli {

/// Opens the register file named by --db, read-only when --read-only was given or the command
/// only reads. --at is refused for a command that writes; a command that reads a past version
/// opens it with open_version.
inline Register open_register(const Context& context, OpenOptions options = {}) {
    const bool writing = options.mode == OpenMode::read_write;
    if (writing && !context.global.at.empty())
        throw UsageError("--at reads a past version; it cannot be used with a command that writes");
    if (context.global.read_only)
        options.mode = OpenMode::read_only;
    return Register::open(context.global.db, options);
}

/// What a reading command reads: the register file (read-only), or with --at the version it
/// names. `*opened` is the view either way.
class OpenedVersion {
public:
    explicit OpenedVersion(const Context& context)
        : file_(Register::open(context.global.db, {.mode = OpenMode::read_only})) {
        if (!context.global.at.empty())
            past_.emplace(file_.at(context.global.at));
    }
    const RegisterView& operator*() const noexcept {
        return past_ ? static_cast<const RegisterView&>(*past_) : file_;
    }

private:
    Register file_;
    std::optional<Snapshot> past_;
};

/// The bytes of the file at `path`, or of standard input for "-". Throws Error{not_found}
/// naming `field` when it cannot be read.
std::string read_input(const std::string& path, const std::string& field);

/// The login name of whoever runs ropa: $ROPA_ACTOR, else the account name, else "unknown".
std::string current_actor();

/// Who and why, for a write: --actor (else $ROPA_ACTOR, else the login name) and -m, which
/// every write must give.
ChangeRequest change_request(const Context& context, const std::string& reason);

} // namespace ropa::cli
