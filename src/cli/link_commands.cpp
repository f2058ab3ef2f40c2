// ropa link / ropa unlink: allowed links of purposes and the links of activities.

#include <iostream>
#include <algorithm>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/record_format.hpp"
#include "cli/terminal.hpp"

namespace ropa::cli {

namespace {

struct LinkOptions {
    std::string kind, from, to, reason;
    std::map<std::string, std::vector<std::string>> values;  // a references field may be repeated
    std::map<std::string, CLI::Option*> given;
    std::vector<std::string> clear;
    bool edit = false;
    TextOptions text;
};

std::string option_name(const FieldInfo& field) {
    std::string name = field.name;
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

const LinkInfo& link_named(const std::string& name) {
    if (const auto* info = find_link(name))
        return *info;
    std::string known;
    for (const auto& link : links())
        known += (known.empty() ? "" : ", ") + link.name;
    throw Error(Errc::validation, "no link kind \"" + name + "\" (one of: " + known + ")", "kind");
}

std::string kinds_help() {
    std::string help = "Link kind:";
    for (const auto& link : links())
        help += "\n  " + link.name + ": " + link.label;
    return help;
}

} // namespace

void setup_link_commands(CLI::App& app, Context& context) {
    auto options = std::make_shared<LinkOptions>();
    auto* link = app.add_subcommand("link", "Link two records (allowed links of a purpose, an activity's links)");
    link->add_option("kind", options->kind, kinds_help())->required();
    link->add_option("from", options->from, "Code of the purpose or activity")->required();
    link->add_option("to", options->to, "Code of the record linked to")->required();
    std::map<std::string, std::string> applies_to;  // field -> the link kinds that have it
    for (const auto& info : links())
        for (const auto& field : info.fields)
            applies_to[field.name] += (applies_to[field.name].empty() ? "" : ", ") + info.name;
    std::set<std::string> seen;
    for (const auto& info : links())
        for (const auto& field : info.fields)
            if (seen.insert(field.name).second) {
                const std::string name = option_name(field);
                if (field.type == FieldType::references) {
                    // --legal-source X --legal-source Y, or --legal-source X,Y; the singular
                    // reads as people cite ("a legal source"), the plural is the field's name.
                    const std::string singular = name.substr(0, name.size() - 1);
                    options->given[field.name] =
                        link->add_option("--" + singular + ",--" + name, options->values[field.name],
                                         field.label + "; repeat or separate by commas (" +
                                             applies_to[field.name] + ")")
                            ->delimiter(',');
                } else {
                    options->given[field.name] = link->add_option(
                        "--" + name, options->values[field.name], field.label + " (" + applies_to[field.name] + ")")
                        ->expected(1);
                }
            }
    link->add_flag("--edit", options->edit,
                   "Change the fields of an existing link (a basis's legal sources or legitimate interest, a "
                   "category's source or data subjects, a note, responsibilities) instead of adding one; a list "
                   "given replaces the old one");
    link->add_option("--clear", options->clear, "With --edit: empty this field of the link (e.g. legal-sources)");
    link->add_option("--lang", options->text.lang, "Language of a note; default: the register's (ropa settings)")
        ->transform(language_tag());
    link->add_option("--text-status", options->text.status, "Status of a note: source, official, unofficial")
        ->capture_default_str();
    link->add_option("-m,--message", options->reason, "Why (recorded with the change) [required]");
    link->callback([&context, options, applies_to] {
        context.action = [&context, options, applies_to] {
            const auto& info = link_named(options->kind);
            Link request{info.kind, options->from, options->to, {}};
            std::optional<Register> opened;  // read the default language only when a note is given
            auto text_of_link = [&] {
                if (!options->text.lang.empty())
                    return options->text;
                if (!opened)
                    opened.emplace(open_register(context, {.mode = OpenMode::read_only}));
                return in_register_language(*opened, options->text);
            };
            for (const auto& [given_name, option] : options->given) {
                if (option->count() == 0)
                    continue;
                const std::string& name = given_name;  // lambdas cannot capture bindings in clang 14
                auto field = std::find_if(info.fields.begin(), info.fields.end(),
                                          [&](const auto& f) { return f.name == name; });
                if (field == info.fields.end())
                    throw Error(Errc::validation, "--" + option_name({name}) + " does not apply to " + info.name +
                                                      " (only to " + applies_to.at(name) + ")", name);
                std::string raw;
                for (const auto& value : options->values.at(name))
                    raw += (raw.empty() ? "" : ",") + value;
                request.fields[name] = parse_field_value(*field, raw, text_of_link(), info.name);
            }
            if (!options->clear.empty() && !options->edit)
                throw Error(Errc::validation, "--clear: only with --edit (a new link starts empty)", "clear");
            for (const auto& cleared : options->clear) {
                auto field = std::find_if(info.fields.begin(), info.fields.end(),
                                          [&](const auto& f) { return option_name(f) == cleared || f.name == cleared; });
                if (field == info.fields.end())
                    throw Error(Errc::validation, "--clear: " + info.name + " has no field " + cleared, "clear");
                if (request.fields.count(field->name))
                    throw Error(Errc::validation, "--clear: " + cleared + " is also given a value", "clear");
                request.fields[field->name] =
                    field->type == FieldType::references ? FieldValue(Codes{}) : FieldValue();
            }
            if (options->edit && request.fields.empty())
                throw UsageError("--edit: give the fields to change (or --clear FIELD)");
            const auto change = change_request(context, options->reason);
            auto reg = open_register(context);
            if (options->edit) {
                if (reg.edit_link(request, change))
                    std::cout << "edited link " << options->from << " -> " << options->to << " (" << info.name
                              << ")\n";
                else
                    std::cout << "link " << options->from << " -> " << options->to << " (" << info.name
                              << ") already has these values; nothing changed\n";
            } else {
                reg.link(request, change);
                std::cout << "linked " << options->from << " -> " << options->to << " (" << info.name << ")\n";
            }
            return exit_ok;
        };
    });

    auto unlink_options = std::make_shared<LinkOptions>();
    auto* unlink = app.add_subcommand("unlink", "Remove a link (refused where an activity still needs it)");
    unlink->add_option("kind", unlink_options->kind, kinds_help())->required();
    unlink->add_option("from", unlink_options->from, "Code of the purpose or activity")->required();
    unlink->add_option("to", unlink_options->to, "Code of the record linked to")->required();
    unlink->add_option("-m,--message", unlink_options->reason, "Why (recorded with the change) [required]");
    unlink->callback([&context, unlink_options] {
        context.action = [&context, unlink_options] {
            const auto& info = link_named(unlink_options->kind);
            const auto change = change_request(context, unlink_options->reason);
            auto reg = open_register(context);
            reg.unlink(info.kind, unlink_options->from, unlink_options->to, change);
            std::cout << "unlinked " << unlink_options->from << " -> " << unlink_options->to << " (" << info.name
                      << ")\n";
            return exit_ok;
        };
    });
}

} // namespace ropa::cli
