#pragma once
// One setup function per command group; each binds its options and sets Context::action.

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace ropa::cli {

void setup_register_commands(CLI::App& app, Context& context);  // init, migrate, info
void setup_seed_commands(CLI::App& app, Context& context);      // seed list
void setup_matrix_command(CLI::App& app, Context& context);     // matrix
/// `command`: the command line's command; only that entity's commands are built in full.
void setup_entity_commands(CLI::App& app, Context& context, std::string_view command);    // <entity> add|list|show|edit|rm
void setup_link_commands(CLI::App& app, Context& context);      // link, unlink
void setup_check_command(CLI::App& app, Context& context);      // check, acknowledge, acknowledgements
void setup_export_command(CLI::App& app, Context& context);     // export
void setup_import_command(CLI::App& app, Context& context);     // import
void setup_history_commands(CLI::App& app, Context& context);   // log, diff, tag, tags, verify, revert
void setup_signing_commands(CLI::App& app, Context& context);   // key new|show, verify-export
void setup_serve_command(CLI::App& app, Context& context);      // serve
void setup_user_commands(CLI::App& app, Context& context);      // user add|list|rm|passwd|role

/// For every --lang: a BCP 47 tag, taken in its canonical form ("NL" becomes "nl", "fr-be"
/// "fr-BE"); what is not a tag ("nederlands", "xx-yy-zz") is refused naming the option.
CLI::Validator language_tag();

/// For --review-months: a whole number of months from 1 to 120, read as decimal ("024" is 24).
CLI::Validator review_months();

} // namespace ropa::cli
