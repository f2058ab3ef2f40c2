// ropa: the command-line program. Parses, calls the library, prints. Nothing else.

#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/exit_status.hpp"
#include "ropa/log.hpp"
#include "ropa/register.hpp"
#include "ropa/version.hpp"

namespace {

ropa::LogLevel log_level_from(std::string_view name, ropa::LogLevel fallback) {
    using ropa::LogLevel;
    if (name == "trace") return LogLevel::trace;
    if (name == "debug") return LogLevel::debug;
    if (name == "info") return LogLevel::info;
    if (name == "warn" || name == "warning") return LogLevel::warn;
    if (name == "error") return LogLevel::error;
    if (name == "off") return LogLevel::off;
    return fallback;
}

} // namespace

int main(int argc, char** argv) {
    ropa::cli::Context context;
    CLI::App app{"ropa keeps the register of processing activities (GDPR Art. 30) in one SQLite file.", "ropa"};
    int verbosity = 0;
    const std::vector<std::string> args(argv + 1, argv + argc);
    ropa::cli::setup_app(app, context, verbosity, args);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e);
        return status == 0 ? ropa::cli::exit_ok : ropa::cli::exit_usage;
    }

    auto level = ropa::LogLevel::warn;
    if (const char* env = std::getenv("ROPA_LOG_LEVEL"))
        level = log_level_from(env, level);
    if (verbosity == 1)
        level = ropa::LogLevel::info;
    else if (verbosity >= 2)
        level = ropa::LogLevel::debug;
    ropa::set_log_level(level);

    try {
        return context.action ? context.action() : ropa::cli::exit_usage;
    } catch (const ropa::cli::UsageError& e) {
        std::cerr << "ropa: usage: " << e.what() << "\n";
        return ropa::cli::exit_usage;
    } catch (const ropa::Error& e) {
        std::cerr << "ropa: error: " << e.what() << "\n";
        return ropa::cli::exit_status_for(e.code());
    } catch (const std::exception& e) {
        std::cerr << "ropa: internal error: " << e.what() << " (please report this)\n";
        return ropa::cli::exit_internal;
    }
}
