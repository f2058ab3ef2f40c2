// ropa init, ropa migrate, ropa info, ropa settings.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/terminal.hpp"
#include "ropa/export.hpp"

namespace ropa::cli {

namespace {

struct InitOptions {
    std::string seed;
    std::string lang;
    int review_months = 0;
};

struct SettingsOptions {
    std::string lang;
    int review_months = 0;
    std::optional<std::vector<std::string>> require;  ///< the names given (commas split), or "none"
    std::string reason;
};

void print_settings(const Settings& settings) {
    std::cout << "default language   " << settings.default_language
              << "  (texts given without --lang are stored in it; names are shown in it first)\n"
              << "review interval    " << settings.review_interval_months
              << " months  (an approval sets the next review this far ahead)\n"
              << "required fields    ";
    std::string names;
    for (const auto& name : settings.required_fields)
        names += (names.empty() ? "" : ", ") + name;
    std::cout << (names.empty() ? "none" : names) << "  (beyond Art. 30; ropa check counts the share recorded)\n";
}

// `--require data_source,systems` (or the option given again): the fields in the order given,
// spaces around a name and its case forgiven (the names are lower case); `none` alone requires
// none.
std::vector<std::string> required_fields_given(const std::vector<std::string>& given) {
    if (given.empty())
        throw UsageError("--require: name the fields, separated by commas (or none)");
    std::vector<std::string> names;
    for (auto name : given) {
        const auto first = name.find_first_not_of(" \t");
        name = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(" \t") - first + 1);
        for (auto& c : name)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (name.empty())
            throw UsageError("--require: a name is empty; name the fields, separated by commas (or none)");
        names.push_back(name);
    }
    if (std::find(names.begin(), names.end(), "none") != names.end()) {
        if (names.size() > 1)
            throw UsageError("--require: none requires no field; it cannot be given with fields");
        names.clear();
    }
    return names;
}

int run_init(const Context& context, const InitOptions& options) {
    if (!context.global.at.empty())
        throw UsageError("--at reads a past version; it cannot be used with init");
    const std::filesystem::path path = context.global.db;
    if (!options.seed.empty())
        Register::seed_info(options.seed);  // an unknown seed is refused before any file is made
    std::error_code error;
    const bool existed = std::filesystem::exists(path, error);
    if (existed && (!options.lang.empty() || options.review_months != 0))
        throw Error(Errc::validation,
                    path.string() + " is already a register; change its settings with `ropa settings`", "lang");
    auto reg = existed ? Register::open(path) : Register::create(path);
    if (existed)
        std::cout << path.string() << " is already a ropa register (schema level " << reg.schema_level() << ")\n";
    else
        std::cout << "created " << path.string() << " (schema level " << reg.schema_level() << ")\n";
    if (!options.lang.empty() || options.review_months != 0) {
        Settings settings = reg.settings();
        if (!options.lang.empty())
            settings.default_language = options.lang;
        if (options.review_months != 0)
            settings.review_interval_months = options.review_months;
        reg.write({context.global.actor.empty() ? current_actor() : context.global.actor,
                   "settings chosen at creation (ropa init)"},
                  [&](Writer& w) { w.change_settings(settings); });
        print_settings(reg.settings());
    }
    if (!options.seed.empty()) {
        const auto outcome = reg.apply_seed(
            options.seed, {context.global.actor.empty() ? current_actor() : context.global.actor,
                           "load seed " + options.seed + " (ropa init --seed " + options.seed + ")"});
        if (outcome == SeedOutcome::already_applied) {
            std::cout << "seed " << options.seed << " was already applied; nothing changed\n";
        } else {
            std::cout << "loaded seed " << options.seed << ": " << reg.purposes().size() << " purposes, "
                      << reg.data_categories().size() << " data categories, "
                      << reg.purpose_category_links().size() << " allowed purpose-category links, "
                      << reg.purpose_basis_links().size() << " allowed purpose-basis links\n";
        }
    }
    return exit_ok;
}

int run_migrate(const Context& context) {
    if (!context.global.at.empty())
        throw UsageError("--at reads a past version; it cannot be used with migrate");
    auto reg = open_register(context, {.allow_older = true});
    const auto applied = reg.migrate();
    if (applied.empty()) {
        std::cout << context.global.db << " is already at schema level " << reg.schema_level() << "\n";
    } else {
        std::cout << "migrated " << context.global.db << " to schema level " << reg.schema_level() << " (applied";
        for (int level : applied)
            std::cout << " " << level;
        std::cout << ")\n";
    }
    return exit_ok;
}

int run_info(const Context& context, bool as_json) {
    if (!context.global.at.empty())
        throw UsageError("ropa info describes the file; --at does not apply (try ropa log)");
    auto reg = open_register(context, {.mode = OpenMode::read_only, .allow_older = true});
    const auto info = reg.info();
    if (as_json) {
        std::cout << info_json(info, 2) << "\n";
        return exit_ok;
    }
    std::cout << "register       " << info.path << "\n"
              << "schema level   " << info.schema_level;
    if (info.schema_level < info.program_schema_level)
        std::cout << " (this ropa is at " << info.program_schema_level << ": run `ropa migrate`)";
    std::cout << "\nseeds applied  ";
    if (info.seeds_applied.empty())
        std::cout << "none";
    for (std::size_t i = 0; i < info.seeds_applied.size(); ++i)
        std::cout << (i ? ", " : "") << info.seeds_applied[i];
    std::cout << "\n\nrows per table\n";
    std::size_t width = 0;
    for (const auto& table : info.tables)
        width = std::max(width, table.table.size());
    for (const auto& table : info.tables)
        std::cout << "  " << pad_right(table.table, width) << "  " << table.rows << "\n";
    return exit_ok;
}

int run_settings(const Context& context, const SettingsOptions& options) {
    if (options.lang.empty() && options.review_months == 0 && !options.require) {
        const OpenedVersion opened(context);
        const RegisterView& reg = *opened;
        print_settings(reg.settings());
        return exit_ok;
    }
    if (!context.global.at.empty())
        throw UsageError("--at reads a past version; settings cannot be changed there");
    const auto change = change_request(context, options.reason);
    auto reg = open_register(context);
    Settings settings = reg.settings();
    if (!options.lang.empty())
        settings.default_language = options.lang;
    if (options.review_months != 0)
        settings.review_interval_months = options.review_months;
    if (options.require)
        settings.required_fields = required_fields_given(*options.require);
    if (!reg.write(change, [&](Writer& w) { w.change_settings(settings); }))
        std::cout << "the settings already have these values; nothing changed\n";
    print_settings(reg.settings());
    return exit_ok;
}

} // namespace

void setup_register_commands(CLI::App& app, Context& context) {
    auto init_options = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "Create the register file (mode 0600), optionally loading a seed");
    init->add_option("--seed", init_options->seed, "Seed to load, e.g. ccb-annex (see `ropa seed list`)");
    init->add_option("--lang", init_options->lang,
                     "Default language of the register's texts (BCP 47, e.g. nl): used when --lang is not given")
        ->transform(language_tag());
    init->add_option("--review-months", init_options->review_months,
                     "Months from an approval to the next review (default 12)")
        ->transform(review_months());

    auto settings_options = std::make_shared<SettingsOptions>();
    auto* settings = app.add_subcommand(
        "settings", "Show or change the register's settings: default language, review interval, required fields");
    settings->add_option("--lang", settings_options->lang, "Default language of texts (BCP 47, e.g. nl)")
        ->transform(language_tag());
    settings->add_option("--review-months", settings_options->review_months,
                         "Months from an approval to the next review")
        ->transform(review_months());
    std::string requirable;
    for (const auto& field : requirable_fields())
        requirable += (requirable.empty() ? "" : ", ") + field.name;
    settings->add_option("--require", settings_options->require,
                         "Fields beyond Art. 30 every activity must hold, as the authority's template asks, "
                         "separated by commas, replacing those required before (none: none); ropa check counts the "
                         "share recorded: " +
                             requirable)
        ->delimiter(',')
        ->allow_extra_args(false)
        ->take_all();
    settings->add_option("-m,--message", settings_options->reason, "Why (recorded with the change) [required to change]");
    settings->callback([&context, settings_options, settings] {
        // `--require ""` gives CLI11 no value: it is a name left out, not a request to show
        if (settings->count("--require") > 0 && !settings_options->require)
            settings_options->require.emplace();
        context.action = [&context, settings_options] { return run_settings(context, *settings_options); };
    });
    init->callback([&context, init_options] { context.action = [&context, init_options] { return run_init(context, *init_options); }; });

    auto* migrate = app.add_subcommand("migrate", "Upgrade the register to this program's schema level");
    migrate->callback([&context] { context.action = [&context] { return run_migrate(context); }; });

    auto as_json = std::make_shared<bool>(false);
    auto* info = app.add_subcommand("info", "Show the register's path, schema level and rows per table");
    info->add_flag("--json", *as_json, "Print JSON");
    info->callback([&context, as_json] { context.action = [&context, as_json] { return run_info(context, *as_json); }; });
}

} // namespace ropa::cli
