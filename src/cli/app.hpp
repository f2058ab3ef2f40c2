#pragma once
// The whole command line, built in one place: used by main and by the command-line fuzzer
// (which parses without running anything).

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace ropa::cli {

/// Adds the global options and every command to `app`; parsing sets context.action.
/// `command` is the command named on the command line (command_named): the commands of the
/// 16 entities have some 1,500 options between them, and building them all took about a third
/// of a short command's time, so only the named entity's are built in full; the others are
/// listed (for --help) without their subcommands.
void setup_app(CLI::App& app, Context& context, int& verbosity, std::string_view command);

/// The first word of `args` that is not an option or a global option's value: the command.
std::string_view command_named(const std::vector<std::string>& args);

} // namespace ropa::cli
