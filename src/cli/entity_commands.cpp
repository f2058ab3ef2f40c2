// ropa <entity> add|list|show|edit|rm, for every entity, built from the entity descriptions
// (list and show: entity_reads.cpp).

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>

#include "cli/activity_document.hpp"
#include "cli/commands.hpp"
#include "cli/entity_options.hpp"
#include "cli/exit_status.hpp"
#include "cli/record_format.hpp"
#include "cli/terminal.hpp"

namespace ropa::cli {

namespace {

// "an activity", "a purpose": the nouns are English words, so their first letter decides.
std::string with_article(const std::string& noun) {
    const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + noun;
}

std::string option_name(std::string field) {
    std::replace(field.begin(), field.end(), '_', '-');
    return "--" + field;
}

std::string link_option(const LinkInfo& link) {
    const auto& from = entity_info(link.from).name;
    return "--" + link.name.substr(from.size() + 1);  // "activity-purpose" -> "--purpose"
}


Fields collect_fields(const EntityInfo& entity, const EntityOptions& options, const TextOptions& text) {
    Fields fields;
    for (const auto& field : entity.fields) {
        if (options.given.at(field.name)->count() == 0)
            continue;
        fields[field.name] = parse_field_value(field, options.values.at(field.name), text, entity.name);
    }
    for (auto name : options.clear) {
        // the field as its option spells it (dpo-email) or as the library does (dpo_email)
        std::replace(name.begin(), name.end(), '-', '_');
        if (!std::any_of(entity.fields.begin(), entity.fields.end(), [&](const auto& f) { return f.name == name; }))
            throw Error(Errc::validation, "--clear: " + entity.name + " has no field " + name, "clear");
        fields[name] = std::monostate{};
    }
    return fields;
}

std::string lowercase_first(std::string text) {
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

// One link option's value: the code linked to, and for a basis the legal sources it cites,
// "art6-1-c:paspw-7,paspw-26" (codes hold neither ':' nor ','), so a basis and the law that
// lays it down are recorded in the same command.
Link link_from_option(LinkKind kind, const std::string& from, const std::string& value, const TextOptions& text) {
    const auto& info = link_info(kind);
    Link link{kind, from, value, {}};
    const auto colon = value.find(':');
    if (colon == std::string::npos)
        return link;
    link.to = value.substr(0, colon);
    if (link.to.empty() || colon + 1 == value.size())
        throw Error(Errc::validation,
                    link_option(info) + " " + value + ": give CODE, or CODE:A,B with codes on both sides of the colon",
                    info.name);
    const auto cited = std::find_if(info.fields.begin(), info.fields.end(),
                                    [](const auto& f) { return f.type == FieldType::references; });
    if (cited == info.fields.end())
        throw Error(Errc::validation, link_option(info) + " " + value +
                                          ": a " + info.name + " link cites nothing; give the code alone",
                    info.name);
    link.fields[cited->name] = parse_field_value(*cited, value.substr(colon + 1), text, info.name);
    return link;
}

int run_add(const Context& context, const EntityInfo& entity, const EntityOptions& options) {
    const auto change = change_request(context, options.reason);
    auto reg = open_register(context);
    const auto text = in_register_language(reg, options.text);
    const Fields fields = collect_fields(entity, options, text);
    std::optional<std::string> code;
    if (entity.has_code) {
        if (options.ref.empty())
            throw Error(Errc::validation, entity.name + ".code: give the new record's code, e.g. ropa " + entity.name +
                                              " add CODE ...", entity.name + ".code");
        code = options.ref;
    } else if (!options.ref.empty()) {
        throw Error(Errc::validation, entity.name + " records have no code; leave it out", entity.name + ".code");
    }
    Record created;
    reg.write(change, [&](Writer& w) {
        created = w.create(entity.kind, code, fields);
        for (const auto& [kind, targets] : options.link_targets)
            for (const auto& target : targets)
                w.link(link_from_option(kind, created.code.value_or("#" + std::to_string(created.id)), target,
                                        text));
    });
    std::cout << "added " << entity.name << " "
              << (created.code ? *created.code : "#" + std::to_string(created.id)) << "\n";
    return exit_ok;
}

int run_edit(const Context& context, const EntityInfo& entity, const EntityOptions& options) {
    if (options.editor) {
        for (const auto& [name, option] : options.given)
            if (option->count() > 0)
                throw UsageError("--editor edits the whole document; give no field options with it");
        if (!options.clear.empty() || options.expect_revision)
            throw UsageError("--editor edits the whole document; give no --clear or --expect-revision with it");
        return edit_activity_document(context, options.ref, options.reason);
    }
    auto reg = open_register(context);
    const Fields fields = collect_fields(entity, options, in_register_language(reg, options.text));
    if (fields.empty())
        throw Error(Errc::validation, "nothing to change: give at least one field option (see --help)", "fields");
    const auto ref = entity.kind == EntityKind::controller ? std::string("#1") : options.ref;
    const auto before = reg.version();
    const auto updated =
        reg.update(entity.kind, ref, fields, options.expect_revision, change_request(context, options.reason));
    const auto name = entity.name + " " + (updated.code ? *updated.code : "#" + std::to_string(updated.id));
    const auto after = reg.version();
    if (before && after && before->id == after->id)
        std::cout << name << " already has these values; nothing changed (revision " << updated.revision << ")\n";
    else
        std::cout << "updated " << name << " (revision " << updated.revision << ")\n";
    return exit_ok;
}

// Approval is the move to active: the library refuses it while any rule is broken and records
// who approved, when and why, and the next review date.
int run_approve(const Context& context, const EntityInfo& entity, const EntityOptions& options) {
    auto reg = open_register(context);
    Fields fields{{"status", std::string("active")}};
    if (options.given.at("next_review_date")->count() > 0)
        for (const auto& field : entity.fields)
            if (field.name == "next_review_date")
                fields[field.name] =
                    parse_field_value(field, options.values.at("next_review_date"), options.text, entity.name);
    const auto before = reg.get(entity.kind, options.ref);
    const auto approved =
        reg.update(entity.kind, options.ref, fields, options.expect_revision, change_request(context, options.reason));
    auto text_of = [](const Record& record, const char* name) {
        const auto& value = record.fields.at(name);
        return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : std::string("-");
    };
    auto text = [&](const char* name) { return text_of(approved, name); };
    // Approving an active activity again (after its review) replaces its approval: say so.
    if (approved.revision != before.revision && text_of(before, "status") == "active")
        std::cout << "the approval of " << text_of(before, "approved_at") << " by " << text_of(before, "approved_by")
                  << " is replaced by this one\n";
    std::cout << (approved.revision == before.revision ? "already approved: " : "approved: ") << entity.name << " "
              << options.ref << " (revision " << approved.revision << "), by " << text("approved_by") << " at "
              << text("approved_at") << "; next review " << text("next_review_date") << "\n";
    return exit_ok;
}

int run_remove(const Context& context, const EntityInfo& entity, const EntityOptions& options) {
    auto reg = open_register(context);
    const auto ref = entity.kind == EntityKind::controller ? std::string("#1") : options.ref;
    reg.remove(entity.kind, ref, change_request(context, options.reason));
    std::cout << "removed " << entity.name << " " << ref << "\n";
    return exit_ok;
}

void add_reference_argument(CLI::App* command, const EntityInfo& entity, EntityOptions& options, bool required) {
    if (entity.kind == EntityKind::controller)
        return;
    auto* arg = command->add_option("ref", options.ref, entity.has_code ? "Code of the record (or #id)" : "#id");
    if (required)
        arg->required();
}

void add_text_options(CLI::App* command, EntityOptions& options) {
    command->add_option("--lang", options.text.lang,
                        "Language of text given or shown (BCP 47); default: the register's (ropa settings)")
        ->transform(language_tag());
}

void add_field_options(CLI::App* command, const EntityInfo& entity, EntityOptions& options) {
    for (const auto& field : entity.fields) {
        std::string help = field.label;
        if (field.type == FieldType::choice) {
            help += " (";
            for (std::size_t i = 0; i < field.choices.size(); ++i)
                help += (i ? "|" : "") + field.choices[i];
            help += ")";
        } else if (field.type == FieldType::date) {
            help += " (YYYY-MM-DD)";
        } else if (field.type == FieldType::boolean) {
            help += " (true|false)";
        } else if (field.type == FieldType::email) {
            help += " (name@example.org)";
        } else if (field.type == FieldType::reference) {
            help += " (code of " + with_article(entity_info(*field.references).name) + ")";
        }
        if (field.required)
            help += " [required]";
        options.given[field.name] = command->add_option(option_name(field.name), options.values[field.name], help);
    }
    command->add_option("--text-status", options.text.status,
                        "Status of the text given: source, official or unofficial (translation)")
        ->capture_default_str();
    command->add_option("-m,--message", options.reason, "Why (recorded with the change) [required]");
}

void setup_entity(CLI::App& app, Context& context, const EntityInfo& entity) {
    auto* group = app.add_subcommand(entity.name, entity.label);
    group->require_subcommand(1);
    using Run = int (*)(const Context&, const EntityInfo&, const EntityOptions&);
    // Each subcommand has options of its own: CLI11 reports per option whether it was given.
    auto command = [&](const std::string& name, const std::string& help, Run run) {
        auto options = std::make_shared<EntityOptions>();
        auto* sub = group->add_subcommand(name, help);
        sub->callback([&context, &entity, options, run] {
            context.action = [&context, &entity, options, run] { return run(context, entity, *options); };
        });
        return std::pair{sub, options};
    };

    auto [add, add_options] = command("add", "Add " + with_article(entity.name), run_add);
    add_reference_argument(add, entity, *add_options, false);
    add_field_options(add, entity, *add_options);
    add_text_options(add, *add_options);
    for (const auto& link : links())
        if (link.from == entity.kind) {
            // CODE:A,B gives the link's list field (a basis's legal sources, a category's data
            // subjects), described by its own label
            const auto list = std::find_if(link.fields.begin(), link.fields.end(),
                                           [](const auto& f) { return f.type == FieldType::references; });
            add->add_option(link_option(link), add_options->link_targets[link.kind],
                            link.label +
                                (list != link.fields.end()
                                     ? " (code, or CODE:A,B with " + lowercase_first(list->label) +
                                           "; repeat for several), linked in the same change"
                                     : std::string(" (code; repeat for several), linked in the same change")));
        }

    auto [list, list_options] = command("list", "List " + entity.name + " records", run_list);
    list->add_option("--status", list_options->filter.status, "Only activities with this status");
    list->add_option("--purpose", list_options->filter.purpose, "Only records linked to this purpose");
    list->add_option("--category", list_options->filter.data_category, "Only records linked to this data category");
    list->add_option("--search", list_options->filter.search, "Only records whose code or text contains this");
    if (entity.kind == EntityKind::activity) {
        auto* due = list->add_flag("--due", list_options->due,
                                   "Only approved activities whose review is due (today or before)");
        list->add_option("--due-by", list_options->filter.review_due_by,
                         "Only approved activities whose review is due by this date (YYYY-MM-DD)")
            ->excludes(due);
    }
    list->add_flag("--json", list_options->json, "Print JSON");
    add_text_options(list, *list_options);

    auto [show, show_options] =
        command("show", "Show every field of " + with_article(entity.name) + " with its Art. 30 label", run_show);
    add_reference_argument(show, entity, *show_options, entity.kind != EntityKind::controller);
    show->add_flag("--json", show_options->json, "Print JSON");
    if (entity.kind == EntityKind::activity)
        show->add_flag("--document", show_options->document,
                       "Print the activity as one document (its block of the JSON export), for `activity apply`");
    add_text_options(show, *show_options);

    auto [edit, edit_options] = command("edit", "Change fields of " + with_article(entity.name), run_edit);
    add_reference_argument(edit, entity, *edit_options, entity.kind != EntityKind::controller);
    add_field_options(edit, entity, *edit_options);
    add_text_options(edit, *edit_options);
    edit->add_option("--clear", edit_options->clear, "Empty this field (field name; repeat for several)");
    edit->add_option("--expect-revision", edit_options->expect_revision,
                     "Refuse the edit if the record is no longer at this revision")
        ->check([](const std::string& value) {  // "" must not switch the check off
            const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : std::string("must be a revision number, as `show` prints it");
        });

    if (entity.kind == EntityKind::activity) {
        edit->add_flag("--editor", edit_options->editor,
                       "Edit the whole activity (fields, links, retention) as one document in $VISUAL or $EDITOR; "
                       "applied as one change when saved, reopened with the reason if refused");
        auto [apply, apply_options] = command(
            "apply",
            "Create or update one activity from a document (as `activity show CODE --document` prints it): its "
            "fields, links and retention rows become the document's, as one change",
            [](const Context& ctx, const EntityInfo&, const EntityOptions& given) {
                return apply_activity_document_file(ctx, given.file, given.reason, given.expect_revision);
            });
        apply->add_option("file", apply_options->file, "The document (JSON), or - for standard input")->required();
        apply->add_option("--expect-revision", apply_options->expect_revision,
                          "Refuse if the activity is no longer at this revision");
        apply->add_option("-m,--message", apply_options->reason, "Why (recorded with the change) [required]");
        auto [approve, approve_options] = command(
            "approve",
            "Approve a draft or an activity in review: it becomes active, refused while any rule is broken "
            "(each named with its article); records who, when and why, and the next review date",
            run_approve);
        add_reference_argument(approve, entity, *approve_options, true);
        approve_options->given["next_review_date"] = approve->add_option("--review-date", approve_options->values["next_review_date"],
                            "Date of the next review (default: the register's review interval from today, "
                            "12 months unless ropa settings says otherwise)");
        approve->add_option("--expect-revision", approve_options->expect_revision,
                            "Refuse the approval if the activity is no longer at this revision (the one reviewed)");
        approve->add_option("-m,--message", approve_options->reason, "Why it is approved (recorded) [required]");
    }

    auto [remove, remove_options] =
        command("rm", "Remove " + with_article(entity.name) + " (refused while an activity uses it)", run_remove);
    add_reference_argument(remove, entity, *remove_options, entity.kind != EntityKind::controller);
    remove->add_option("-m,--message", remove_options->reason, "Why (recorded with the change) [required]");
}

} // namespace

void setup_entity_commands(CLI::App& app, Context& context, std::string_view command) {
    for (const auto& entity : entities()) {
        if (entity.name == command)
            setup_entity(app, context, entity);
        else
            app.add_subcommand(entity.name, entity.label);  // listed by --help; never run
    }
}

} // namespace ropa::cli
