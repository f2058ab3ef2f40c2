#pragma once
/// @file
/// The one error type the ropa library throws.

#include <stdexcept>
#include <string>
#include <vector>
#include <string_view>

#include "ropa/ropa_export.h"

namespace ropa {

/// What went wrong, in the categories a caller acts on. The CLI maps each to a documented
/// exit status (docs/cli.md); the numeric values are stable and used by the C API.
enum class Errc {
    validation = 1,      ///< a value is malformed: bad UTF-8, too long, wrong format, unknown field
    rule_violation = 2,  ///< a well-formed write breaks a register rule (allowed links, Art. 9/10, ...)
    not_found = 3,       ///< a named record, seed or file does not exist
    conflict = 4,        ///< the record changed since it was read, or a code is already taken
    not_a_register = 5,  ///< the file is not a ropa register (not SQLite, or another application's)
    schema_too_new = 6,  ///< the register was written by a newer ropa; this program refuses to touch it
    schema_too_old = 7,  ///< the register needs `ropa migrate` before this program can use it
    storage = 8,         ///< SQLite reported an error (disk full, locked past the timeout, corrupt)
    io = 9,              ///< a file could not be read or written
    internal = 10,       ///< a bug in ropa: please report it
};

/// Short stable name of a code, e.g. "validation".
ROPA_EXPORT std::string_view to_string(Errc code) noexcept;

/// The exception thrown by every fallible ropa function. `field()` names the field or
/// input at fault where there is one (for example "purposes[3].name.nl"), so that a user
/// can find it; it is empty otherwise.
class ROPA_EXPORT Error : public std::runtime_error {
public:
    /// A rule a refused write would break (Errc::rule_violation): its stable code (the check
    /// finding's, docs/cli.md), its name, its article and what it says of the record.
    struct BrokenRule {
        std::string code;     ///< e.g. "category-not-allowed"
        std::string rule;     ///< e.g. "purpose limitation"
        std::string article;  ///< e.g. "Art. 5(1)(b)"
        std::string message;
    };

    Error(Errc code, const std::string& message, std::string field = {})
        : std::runtime_error(message), code_(code), field_(std::move(field)) {}
    Error(Errc code, const std::string& message, std::vector<BrokenRule> broken, std::string field = {})
        : std::runtime_error(message), code_(code), field_(std::move(field)), broken_(std::move(broken)) {}

    Errc code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }
    /// For a rule violation, every rule the write would break (empty otherwise), so that a
    /// program can show each beside its field without parsing the message.
    const std::vector<BrokenRule>& broken_rules() const noexcept { return broken_; }

private:
    Errc code_;
    std::string field_;
    std::vector<BrokenRule> broken_;
};

} // namespace ropa
