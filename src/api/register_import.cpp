// Register::import_json: a "ropa-record" JSON file loaded as one change.

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "domain/lifecycle.hpp"
#include "import/json_import.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"

namespace ropa {

namespace {

// A fault found while writing the file's content, named by its JSON path. A code the file
// names that does not exist, or a link it gives twice, is a fault of the file (exit 3 like
// every other), not a missing register or a concurrent edit; a broken rule stays one.
Error at_path(const Error& e, const std::string& path) {
    const bool of_the_file = e.code() == Errc::not_found || e.code() == Errc::conflict;
    return Error(of_the_file ? Errc::validation : e.code(), path + ": " + e.what(), e.broken_rules(), path);
}

// Records are created in this order, so that what a record refers to exists before it.
const std::vector<EntityKind> creation_order{
    EntityKind::party,        EntityKind::processor,     EntityKind::legal_source,    EntityKind::purpose_group,
    EntityKind::data_category, EntityKind::data_subject, EntityKind::recipient,       EntityKind::transfer_tool,
    EntityKind::transfer,     EntityKind::measure_type,  EntityKind::security_measure, EntityKind::legal_basis,
    EntityKind::purpose,      EntityKind::activity,
};

// The reference data every register has from its migrations: merged, never "in the way".
bool is_catalogue(EntityKind kind) {
    return kind == EntityKind::legal_basis || kind == EntityKind::transfer_tool || kind == EntityKind::measure_type;
}

// Every described field as the file gives it, those it leaves out empty: so that a record or
// link of the file and the register's compare equal when they say the same, and a field the
// file leaves out is cleared.
Fields exact(const std::vector<FieldInfo>& described, const Fields& given) {
    Fields out;
    for (const auto& field : described) {
        auto it = given.find(field.name);
        out[field.name] = it == given.end() ? FieldValue() : it->second;
    }
    return out;
}

Fields exact_fields(EntityKind kind, const Fields& given) { return exact(entity_info(kind).fields, given); }
Fields exact_link_fields(LinkKind kind, const Fields& given) { return exact(link_info(kind).fields, given); }

// The references of a link, for matching the file's links with the register's.
using LinkKey = std::pair<std::string, std::string>;

std::map<LinkKey, Fields> links_by_key(const std::vector<Link>& links) {
    std::map<LinkKey, Fields> out;
    for (const auto& link : links)
        out[{link.from, link.to}] = link.fields;
    return out;
}

std::string text_of(const Fields& fields, const char* name) {
    auto it = fields.find(name);
    return it != fields.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second)
                                                                                 : std::string();
}

}  // namespace

std::size_t Register::import_json(std::string_view json_text, bool replace, const ChangeRequest& change) {
    const auto held = hold();
    require_current();
    require_file("import");
    const auto data = detail::parse_record_json(json_text);  // the whole file, before any write
    std::map<EntityKind, std::set<std::string>> in_file;
    for (const auto& record : data.records)
        in_file[record.kind].insert(*record.code);

    // The register is brought to the file's content by writing only what differs: a record
    // whose fields are the file's is left alone, and so is every link the file also has. A
    // file the register already holds records no change at all, and a one-word change to a
    // purpose's name is one changed record in the log, however large the register.
    std::size_t loaded = 0;
    const bool changed = write(change, [&](Writer& w) {
        if (!replace) {
            std::size_t own = controller() ? 1 : 0;
            for (const auto& entity : entities())
                if (!is_catalogue(entity.kind) && entity.kind != EntityKind::controller)
                    own += list(entity.kind).size();
            if (own > 0)
                throw Error(Errc::conflict, "the register already holds " + std::to_string(own) +
                                                " records; import loads into an empty register, or use --replace "
                                                "to turn this one into the file's content");
        }
        // Records: created, or updated where their fields differ. An activity's "replaced by"
        // may name an activity created after it: set once all exist.
        for (EntityKind kind : creation_order)
            for (const auto& record : data.records) {
                if (record.kind != kind)
                    continue;
                Fields fields = exact_fields(kind, record.fields);
                Fields given = record.fields;
                if (kind == EntityKind::activity) {
                    fields.erase("replaced_by_activity");
                    given.erase("replaced_by_activity");
                }
                try {
                    if (auto current = find(kind, *record.code)) {
                        Fields now = current->fields;
                        if (kind == EntityKind::activity)
                            now.erase("replaced_by_activity");
                        if (now != fields)
                            w.replace_fields(kind, *record.code, fields);
                    } else {
                        w.insert(kind, record.code, given);
                    }
                } catch (const Error& e) {
                    throw at_path(e, record.path);
                }
                ++loaded;
            }
        for (const auto& record : data.records) {
            if (record.kind != EntityKind::activity)
                continue;
            const auto wanted = exact_fields(EntityKind::activity, record.fields).at("replaced_by_activity");
            if (find(EntityKind::activity, *record.code)->fields.at("replaced_by_activity") != wanted)
                try {
                    w.update(EntityKind::activity, *record.code, {{"replaced_by_activity", wanted}});
                } catch (const Error& e) {
                    throw at_path(e, record.path + ".replaced_by_activity");
                }
        }
        if (data.controller) {
            const auto fields = exact_fields(EntityKind::controller, data.controller->fields);
            const auto current = list(EntityKind::controller);
            if (current.empty())
                w.insert(EntityKind::controller, std::nullopt, data.controller->fields);
            else if (current.front().fields != fields)
                w.replace_fields(EntityKind::controller, "#" + std::to_string(current.front().id), fields);
            ++loaded;
        }
        // Activities the file does not have go first, with their links and retention rows
        // (after clearing any "replaced by" that names one of them).
        const auto activities = list(EntityKind::activity);
        for (const auto& activity : activities)
            if (!in_file[EntityKind::activity].count(*activity.code) &&
                !std::holds_alternative<std::monostate>(activity.fields.at("replaced_by_activity")))
                w.update(EntityKind::activity, *activity.code, {{"replaced_by_activity", std::monostate{}}});
        for (const auto& activity : activities)
            if (!in_file[EntityKind::activity].count(*activity.code))
                w.remove(EntityKind::activity, *activity.code);
        // Links: those the file lacks are removed, new ones made, changed ones made anew.
        std::map<LinkKind, std::map<LinkKey, const detail::ImportedLink*>> wanted_links;
        for (const auto& imported : data.links) {
            auto& of_kind = wanted_links[imported.link.kind];
            if (!of_kind.emplace(LinkKey{imported.link.from, imported.link.to}, &imported).second)
                throw Error(Errc::validation,
                            imported.path + ": " + imported.link.from + " and " + imported.link.to +
                                " are already linked (" + link_info(imported.link.kind).name + ")",
                            imported.path);
        }
        for (const auto& info : links()) {
            const auto current = links_by_key(list_links(info.kind));
            const auto& wanted = wanted_links[info.kind];
            for (const auto& [key, fields] : current) {
                auto it = wanted.find(key);
                if (it == wanted.end() ||
                    exact_link_fields(info.kind, it->second->link.fields) != exact_link_fields(info.kind, fields))
                    w.unlink(info.kind, key.first, key.second);
            }
            for (const auto& [key, imported] : wanted) {
                auto it = current.find(key);
                if (it == current.end() || exact_link_fields(info.kind, imported->link.fields) !=
                                               exact_link_fields(info.kind, it->second))
                    try {
                        w.link(imported->link);
                    } catch (const Error& e) {
                        throw at_path(e, imported->path);
                    }
                ++loaded;
            }
        }
        // Retention rows, matched by activity and data category (one row each).
        std::map<LinkKey, Record> rows;
        for (auto& row : list(EntityKind::retention))
            rows.emplace(LinkKey{text_of(row.fields, "activity"), text_of(row.fields, "data_category")}, row);
        std::set<Id> kept;
        for (const auto& row : data.retention) {
            const auto fields = exact_fields(EntityKind::retention, row.fields);
            const LinkKey key{text_of(fields, "activity"), text_of(fields, "data_category")};
            try {
                if (auto it = rows.find(key); it != rows.end()) {
                    if (!kept.insert(it->second.id).second)
                        throw Error(Errc::conflict, "the activity already has a retention row for this data");
                    if (it->second.fields != fields)
                        w.replace_fields(EntityKind::retention, "#" + std::to_string(it->second.id), fields);
                } else {
                    w.insert(EntityKind::retention, std::nullopt, row.fields);
                }
            } catch (const Error& e) {
                throw at_path(e, row.path);
            }
            ++loaded;
        }
        for (const auto& [key, row] : rows)
            if (!kept.count(row.id) && find(EntityKind::retention, "#" + std::to_string(row.id)))
                w.remove(EntityKind::retention, "#" + std::to_string(row.id));
        // Then the other records the file does not have, those that refer to others first.
        if (replace)
            for (auto it = creation_order.rbegin(); it != creation_order.rend(); ++it)
                for (const auto& record : list(*it))
                    if (record.code && !in_file[*it].count(*record.code))
                        w.remove(*it, *record.code);
    });
    return changed ? loaded : 0;
}

bool Register::apply_activity_document(std::string_view json_text, const ChangeRequest& change,
                                       std::optional<std::int64_t> expected_revision) {
    const auto held = hold();
    require_current();
    require_file("apply an activity document");
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
        // Its retention rows, matched by data category (one row each; none: all its data).
        std::map<std::string, Record> rows;
        if (current)
            for (auto& row : list(EntityKind::retention))
                if (text_of(row.fields, "activity") == code)
                    rows.emplace(text_of(row.fields, "data_category"), row);
        std::set<std::string> kept;
        for (const auto& row : data.retention) {
            const auto fields = exact_fields(EntityKind::retention, row.fields);
            const std::string category = text_of(fields, "data_category");
            if (!kept.insert(category).second)
                throw Error(Errc::validation,
                            row.path + ": the document has two retention rows for " +
                                (category.empty() ? std::string("all the activity's data") : "data category " + category),
                            row.path);
            try {
                if (auto it = rows.find(category); it != rows.end()) {
                    if (it->second.fields != fields)
                        w.replace_fields(EntityKind::retention, "#" + std::to_string(it->second.id), fields);
                } else {
                    w.insert(EntityKind::retention, std::nullopt, row.fields);
                }
            } catch (const Error& e) {
                throw at_path(e, row.path);
            }
        }
        for (const auto& [category, row] : rows)
            if (!kept.count(category))
                w.remove(EntityKind::retention, "#" + std::to_string(row.id));
    });
}

} // namespace ropa
