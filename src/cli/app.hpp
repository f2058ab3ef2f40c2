#pragma once
// The whole command line, built in one place: used by main and by the command-line fuzzer
// (which parses without running anything).

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace ropa::cli {

/// Adds the global options and every command to `app`; parsing sets context.action.
/// `args` are the arguments that will be parsed (without the program name): the commands of
/// the 16 entities have some 1,500 options between them, and building them all took about a
/// third of a short command's time, so only the entity `args` name is built in full; the
/// others are listed (for --help) without their subcommands.
void setup_app(CLI::App& app, Context& context, int& verbosity, const std::vector<std::string>& args);

} // namespace ropa::cli
