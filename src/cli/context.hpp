#pragma once
// What every command shares: the global options, and the action chosen by parsing.

#include <functional>
#include <string>

namespace ropa::cli {

struct GlobalOptions {
    std::string db = "ropa.db";
    bool read_only = false;
    std::string actor;  // --actor / $ROPA_ACTOR; else the login name
};

struct Context {
    GlobalOptions global;
    /// Set by the chosen subcommand's callback; main runs it after parsing and returns its
    /// exit status. Keeps CLI11's parse errors apart from the library's errors.
    std::function<int()> action;
};

} // namespace ropa::cli

#include "ropa/register.hpp"

namespace ropa::cli {

/// Opens the register named by --db, read-only when --read-only was given or `reading`
/// commands ask for it.
inline Register open_register(const Context& context, OpenOptions options = {}) {
    if (context.global.read_only)
        options.mode = OpenMode::read_only;
    return Register::open(context.global.db, options);
}

} // namespace ropa::cli
