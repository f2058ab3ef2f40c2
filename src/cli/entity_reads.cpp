// ropa <entity> list and show: the records as a table, one record with every field.

#include <iostream>

#include "cli/activity_document.hpp"
#include "cli/entity_options.hpp"
#include "cli/exit_status.hpp"
#include "cli/terminal.hpp"

namespace ropa::cli {

namespace {

void print_record(const RegisterView& reg, const Record& record, const std::string& lang) {
    const auto& entity = entity_info(record.kind);
    std::vector<std::pair<std::string, std::string>> rows{
        {"Code", record.code ? *record.code : "#" + std::to_string(record.id)},
        {"Revision", std::to_string(record.revision)}};
    // A code with the name of what it names beside it: "P52 (Visitor reception...)".
    auto named = [&](EntityKind kind, const std::string& code) {
        const auto target = reg.find(kind, code);
        const std::string name = target ? record_name(*target, lang) : std::string();
        return name.empty() ? code : code + " (" + name + ")";
    };
    for (const auto& field : entity.fields) {
        std::string shown = display_value(record.fields.at(field.name), lang);
        if (field.type == FieldType::reference && field.references && !shown.empty())
            shown = named(*field.references, shown);
        rows.emplace_back(field.label, shown.empty() ? "-" : shown);
    }
    if (record.code)
        for (const auto& link : links()) {
            if (link.from != record.kind)
                continue;
            std::string shown;
            for (const auto& found : reg.list_links(link.kind, *record.code)) {
                shown += (shown.empty() ? "" : "; ") + named(link.to, found.to);
                for (const auto& [name, value] : found.fields)
                    if (!std::holds_alternative<std::monostate>(value))
                        for (const auto& field : link.fields)
                            if (field.name == name) {
                                std::string detail = display_value(value, lang);
                                if (field.type == FieldType::reference && field.references)
                                    detail = named(*field.references, detail);
                                if (const auto* codes = std::get_if<Codes>(&value); codes && field.references) {
                                    detail.clear();
                                    for (const auto& code : *codes)
                                        detail += (detail.empty() ? "" : ", ") + named(*field.references, code);
                                }
                                shown += " [" + field.label + ": " + detail + "]";
                            }
            }
            rows.emplace_back(link.label, shown.empty() ? "-" : shown);
        }
    if (record.kind == EntityKind::activity && record.code) {  // its time limits for erasure
        std::string shown;
        RecordFilter of_activity;
        of_activity.activity = *record.code;
        for (const auto& row : reg.list(EntityKind::retention, of_activity))
            shown += (shown.empty() ? "" : "; ") + ("#" + std::to_string(row.id) + " ") +
                     record_name(row, lang).substr(record.code->size() + 3);
        rows.emplace_back("Time limits for erasure (Art. 30(1)(f))", shown.empty() ? "-" : shown);
    }
    // Labels in a column as wide as the longest (within reason); values wrap beside them.
    std::size_t label_width = 0;
    for (const auto& [label, value] : rows)
        label_width = std::max(label_width, std::min<std::size_t>(label.size(), 48));
    const std::size_t width = terminal_width();
    const std::size_t value_width = width > label_width + 24 ? width - label_width - 4 : 20;
    std::cout << entity.label << "\n";
    for (const auto& [label, value] : rows) {
        auto label_lines = wrap(label, label_width);
        auto value_lines = wrap(value, value_width);
        for (std::size_t i = 0; i < std::max(label_lines.size(), value_lines.size()); ++i) {
            const std::string left = i < label_lines.size() ? label_lines[i] : "";
            const std::string right = i < value_lines.size() ? value_lines[i] : "";
            std::cout << "  " << (right.empty() ? left : pad_right(left, label_width) + "  " + right) << "\n";
        }
    }
}

} // namespace

int run_list(const Context& context, const EntityInfo& entity, const EntityOptions& options) {
    const OpenedVersion opened(context);
    const RegisterView& reg = *opened;
    const auto text = in_register_language(reg, options.text);
    RecordFilter filter = options.filter;
    if (options.due && !filter.review_due_by)
        filter.review_due_by = utc_today();
    auto records = reg.list(entity.kind, filter);
    std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
        return a.code && b.code && natural_less(*a.code, *b.code);
    });
    if (options.json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& record : records)
            out.push_back(to_json(record));
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    if (records.empty()) {
        std::cout << "no " << entity.name << " records"
                  << (filter.review_due_by ? " due for review by " + *filter.review_due_by
                      : filter.status || filter.purpose || filter.data_category || filter.search ? " match"
                                                                                                  : " yet")
                  << "\n";
        return exit_ok;
    }
    std::size_t code_width = 6;  // "CODE" and two spaces
    for (const auto& record : records)
        code_width = std::max(code_width, (record.code ? record.code->size() : 6) + 2);
    const std::size_t width = terminal_width();
    const std::size_t name_width = width > code_width + 12 ? width - code_width : 12;
    // Activities show their status: a list that hides which are drafts would read as approved.
    // Listing what is due, the review date takes the status's place (every one is active).
    const bool with_status = entity.kind == EntityKind::activity;
    const bool with_review = with_status && filter.review_due_by.has_value();
    const std::size_t status_width = with_status ? 12 : 0;
    std::cout << pad_right("CODE", code_width)
              << (with_status ? pad_right(with_review ? "REVIEW BY" : "STATUS", status_width) : "") << "NAME\n";
    for (const auto& record : records) {
        std::string name = record_name(record, text.lang);
        if (with_status)
            name = pad_right(display_value(record.fields.at(with_review ? "next_review_date" : "status"), text.lang),
                             status_width) +
                   name;
        auto lines = wrap(name, name_width);
        std::string first = lines.front();
        if (lines.size() > 1) {  // one line per record: shorten, marking the cut
            auto shortened = wrap(name, name_width - 1).front();
            first = shortened + "\u2026";
        }
        std::cout << pad_right(record.code ? *record.code : "#" + std::to_string(record.id), code_width) << first
                  << "\n";
    }
    std::cout << records.size() << (records.size() == 1 ? " record" : " records") << "\n";
    return exit_ok;
}

int run_show(const Context& context, const EntityInfo& entity, const EntityOptions& options) {
    if (options.document)
        return print_activity_document(context, options.ref);
    const OpenedVersion opened(context);
    const RegisterView& reg = *opened;
    const auto record = reg.get(entity.kind, options.ref);
    if (options.json) {
        auto out = to_json(record);
        if (record.code) {
            nlohmann::ordered_json linked = nlohmann::ordered_json::object();
            for (const auto& link : links())
                if (link.from == entity.kind) {
                    auto& list = linked[link.name] = nlohmann::ordered_json::array();
                    for (const auto& found : reg.list_links(link.kind, *record.code))
                        list.push_back(to_json(found));
                }
            out["links"] = std::move(linked);
        }
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    print_record(reg, record, in_register_language(reg, options.text).lang);
    return exit_ok;
}

} // namespace ropa::cli
