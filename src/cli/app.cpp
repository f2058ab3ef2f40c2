#include "cli/app.hpp"

#include <string>

#include "cli/commands.hpp"
#include "ropa/register.hpp"
#include "ropa/version.hpp"

namespace ropa::cli {

namespace {

// The first word of `args` that is neither an option nor the value of one of the global
// options `app` already has (asked of CLI11, so a new global option cannot be missed).
std::string command_named(const CLI::App& app, const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.empty() || arg[0] != '-')
            return arg;
        const CLI::Option* option = app.get_option_no_throw(arg);
        if (option && option->get_items_expected_max() > 0)
            ++i;  // its value, given as the next word
    }
    return {};
}

// An option's value given as "" is refused, not read as "not given" (`--at ''` once meant now).
std::string not_empty(const std::string& value) {
    return value.empty() ? std::string("must not be empty") : std::string();
}

} // namespace

CLI::Validator language_tag() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            try {
                value = canonical_language_tag(value, "lang");
                return {};
            } catch (const Error& e) {
                return e.what();
            }
        },
        "TAG");
}

CLI::Validator review_months() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            // Decimal, whatever its leading zeros: a generic integer option read "024" as octal 20.
            if (value.empty() || value.size() > 12 || value.find_first_not_of("0123456789") != std::string::npos)
                return "\"" + value + "\" is not a number of months (1 to 120)";
            const auto digits = value.find_first_not_of('0');
            value = digits == std::string::npos ? "0" : value.substr(digits);
            const long months = std::stol(value);
            if (months < 1 || months > 120)
                return "must be from 1 to 120 months, not " + value;
            return {};
        },
        "MONTHS");
}

void setup_app(CLI::App& app, Context& context, int& verbosity, const std::vector<std::string>& args) {
    app.footer("Exit status: 0 ok, 1 findings, 2 usage, 3 validation, 4 rule violation, 5 not found,\n"
               "6 conflict, 7 not a register, 8 schema too new, 9 schema too old, 10 storage, 11 io.\n"
               "Environment: ROPA_DB (register file), ROPA_LOG_LEVEL (trace..off), ROPA_ACTOR.\n"
               "See docs/cli.md.");
    app.set_version_flag("--version", std::string("ropa ") + ROPA_VERSION_STRING + " (schema level " +
                                          std::to_string(Register::program_schema_level()) + ")");
    app.add_option("--db", context.global.db, "Register file")->envname("ROPA_DB")->capture_default_str();
    app.add_flag("--read-only", context.global.read_only, "Open the register read-only (reading commands)");
    app.add_option("--at", context.global.at,
                   "Read the register as it was at this version: a change id, a tag, a chain hash, or an ISO 8601 date or time")
        ->check(not_empty);
    app.add_option("--actor", context.global.actor, "Who makes the change (default: $ROPA_ACTOR, else the login name)");
    app.add_flag("-v,--verbose", verbosity, "Log more to stderr (-v info, -vv debug)");
    app.require_subcommand(1);
    // Global options may follow the command too (`ropa export --at v1`, as with git and docker):
    // subcommands made after this inherit it and hand options they do not know to their parent.
    app.fallthrough();
    const std::string command = command_named(app, args);
    setup_register_commands(app, context);
    setup_seed_commands(app, context);
    setup_matrix_command(app, context);
    setup_check_command(app, context);
    setup_entity_commands(app, context, command);
    setup_link_commands(app, context);
    setup_history_commands(app, context);
    setup_signing_commands(app, context);
    setup_export_command(app, context);
    setup_import_command(app, context);
    setup_serve_command(app, context);
    setup_user_commands(app, context);
}

} // namespace ropa::cli
