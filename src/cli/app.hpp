#pragma once
// The whole command line, built in one place: used by main and by the command-line fuzzer
// (which parses without running anything).

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace ropa::cli {

/// Adds the global options and every command to `app`; parsing sets context.action.
void setup_app(CLI::App& app, Context& context, int& verbosity);

} // namespace ropa::cli
