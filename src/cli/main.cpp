// ropa: the command-line program. Parses, calls the library, prints. Nothing else.

#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

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
    app.footer("Exit status: 0 ok, 1 findings, 2 usage, 3 validation, 4 rule violation, 5 not found,\n"
               "6 conflict, 7 not a register, 8 schema too new, 9 schema too old, 10 storage, 11 io.\n"
               "Environment: ROPA_DB (register file), ROPA_LOG_LEVEL (trace..off), ROPA_ACTOR.\n"
               "See docs/cli.md.");
    app.set_version_flag("--version", std::string("ropa ") + ROPA_VERSION_STRING + " (schema level " +
                                          std::to_string(ropa::Register::program_schema_level()) + ")");
    app.add_option("--db", context.global.db, "Register file")->envname("ROPA_DB")->capture_default_str();
    app.add_flag("--read-only", context.global.read_only, "Open the register read-only (reading commands)");
    app.add_option("--at", context.global.at,
                   "Read the register as it was at this version: a change id, a tag, or an ISO 8601 date or time");
    app.add_option("--actor", context.global.actor, "Who makes the change (default: $ROPA_ACTOR, else the login name)");
    int verbosity = 0;
    app.add_flag("-v,--verbose", verbosity, "Log more to stderr (-v info, -vv debug)");
    app.require_subcommand(1);
    ropa::cli::setup_register_commands(app, context);
    ropa::cli::setup_seed_commands(app, context);
    ropa::cli::setup_matrix_command(app, context);
    ropa::cli::setup_check_command(app, context);
    ropa::cli::setup_entity_commands(app, context);
    ropa::cli::setup_link_commands(app, context);
    ropa::cli::setup_history_commands(app, context);
    ropa::cli::setup_export_command(app, context);
    ropa::cli::setup_import_command(app, context);

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
