// Register::apply_activity_document: one activity, with its links and retention rows, made
// exactly what its document (the activity's block of the JSON export) says, as one change.

#include <algorithm>
#include <map>
#include <set>

#include "api/import_support.hpp"
#include "domain/lifecycle.hpp"
#include "import/json_import.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"

namespace ropa {

using detail::at_path;
using detail::exact_fields;
using detail::exact_link_fields;
using detail::retention_scope;
using detail::rows_of_activity;
using detail::scope_shown;

bool Register::apply_activity_document(std::string_view json_text, const ChangeRequest& change,
                                       std::optional<std::int64_t> expected_revision) {
    const auto held = hold();
    require_current();
    const auto data = detail::parse_activity_document(json_text);  // the whole document first
    const auto& document = data.records.front();
    const std::string& code = *document.code;
    return write(change, [&](Writer& w) {
        const auto current = find(EntityKind::activity, code);
        if (expected_revision && current && current->revision != *expected_revision)
            throw Error(Errc::conflict,
                        "activity " + code + " is at revision " + std::to_string(current->revision) + ", not " +
                            std::to_string(*expected_revision) +
                            ": someone changed it since you read it; read it again and redo your edit",
                        "revision");
        // The approval is recorded by approving (who, when, why), never typed: a document may
        // carry the activity's own approval back unchanged, and nothing else.
        Fields wanted = exact_fields(EntityKind::activity, document.fields);
        for (const char* name : detail::approval_fields) {
            const FieldValue now = current ? current->fields.at(name) : FieldValue();
            if (wanted.at(name) != now)
                throw Error(Errc::validation,
                            document.path + "." + name +
                                ": is recorded by the approval (a status of active, or `ropa activity approve`); "
                                "leave it as it was" + (current ? "" : ", out of a new activity"),
                            document.path + "." + name);
            wanted.erase(name);
        }
        const FieldValue status = wanted.at("status");
        try {
            if (!current) {
                Fields given;
                for (const auto& [name, value] : wanted)
                    if (!std::holds_alternative<std::monostate>(value))
                        given[name] = value;
                w.create(EntityKind::activity, code, given);  // active: approved by this change
            } else {
                // Everything but the status first, then the status: a move to active is the
                // approval, and one back to draft or review withdraws it (Writer::update).
                Fields rest = wanted;
                rest.erase("status");
                Fields now = current->fields;
                for (const char* name : detail::approval_fields)
                    now.erase(name);
                now.erase("status");
                if (rest != now)
                    w.replace_fields(EntityKind::activity, code, rest);
                if (status != current->fields.at("status") && !std::holds_alternative<std::monostate>(status))
                    w.update(EntityKind::activity, code, {{"status", status}});
            }
        } catch (const Error& e) {
            throw at_path(e, document.path);
        }
        // Its links: those the document lacks removed, new ones made, changed ones edited.
        for (const auto& info : links()) {
            if (info.from != EntityKind::activity)
                continue;
            std::map<std::string, const detail::ImportedLink*> given;
            for (const auto& imported : data.links)
                if (imported.link.kind == info.kind && !given.emplace(imported.link.to, &imported).second)
                    throw Error(Errc::validation,
                                imported.path + ": " + imported.link.to + " is given twice (" + info.name + ")",
                                imported.path);
            std::map<std::string, Fields> existing;
            if (current)
                for (const auto& link : list_links(info.kind, code))
                    existing[link.to] = link.fields;
            for (const auto& [to, fields] : existing)
                if (!given.count(to))
                    w.unlink(info.kind, code, to);
            for (const auto& [to, imported] : given) {
                const Fields fields = exact_link_fields(info.kind, imported->link.fields);
                try {
                    auto it = existing.find(to);
                    if (it == existing.end()) {
                        w.link(imported->link);
                    } else if (fields != exact_link_fields(info.kind, it->second)) {
                        Link edited = imported->link;
                        edited.fields = fields;
                        for (auto& [name, value] : edited.fields)  // an absent list is an empty one
                            for (const auto& field : info.fields)
                                if (field.name == name && field.type == FieldType::references &&
                                    std::holds_alternative<std::monostate>(value))
                                    value = Codes{};
                        w.edit_link(edited);
                    }
                } catch (const Error& e) {
                    throw at_path(e, imported->path);
                }
            }
        }
        // Its retention rows, matched by scope (one row each).
        std::map<std::pair<std::string, std::string>, Record> rows;
        if (current)
            for (auto& row : list(EntityKind::retention, rows_of_activity(code)))
                rows.emplace(retention_scope(row.fields), row);
        std::set<std::pair<std::string, std::string>> kept;
        for (const auto& row : data.retention) {
            const auto fields = exact_fields(EntityKind::retention, row.fields);
            const auto scope = retention_scope(fields);
            if (!kept.insert(scope).second)
                throw Error(Errc::validation, row.path + ": the document has two retention rows for " + scope_shown(scope),
                            row.path);
            try {
                if (auto it = rows.find(scope); it != rows.end()) {
                    if (it->second.fields != fields)
                        w.replace_fields(EntityKind::retention, "#" + std::to_string(it->second.id), fields);
                } else {
                    w.insert(EntityKind::retention, std::nullopt, row.fields);
                }
            } catch (const Error& e) {
                throw at_path(e, row.path);
            }
        }
        for (const auto& [scope, row] : rows)
            if (!kept.count(scope))
                w.remove(EntityKind::retention, "#" + std::to_string(row.id));
    });
}

} // namespace ropa
