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

// At most this many bytes of a message: a 10 MB bad value is not echoed whole to the terminal.
constexpr std::size_t max_message_bytes = 2000;

std::string bounded(std::string message) {
    if (message.size() <= max_message_bytes)
        return message;
    std::size_t cut = max_message_bytes;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80)
        --cut;  // not inside a UTF-8 sequence
    const auto dropped = message.size() - cut;
    message.resize(cut);
    return message + "... (" + std::to_string(dropped) + " more bytes)";
}

void report(const std::string& message) { std::cerr << "ropa: error: " << bounded(message) << "\n"; }

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
        if (e.get_exit_code() == 0)
            return app.exit(e);  // --help, --version
        report(e.what());
        std::cerr << "Run `ropa --help` (or `ropa COMMAND --help`) for the usage.\n";
        return ropa::cli::exit_usage;
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
        report(e.what());
        return ropa::cli::exit_usage;
    } catch (const ropa::Error& e) {
        report(e.what());
        return ropa::cli::exit_status_for(e.code());
    } catch (const std::exception& e) {
        report(std::string("internal: ") + e.what() + " (please report this)");
        return ropa::cli::exit_internal;
    }
}
