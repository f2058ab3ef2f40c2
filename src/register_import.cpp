// Register::import_json: a "ropa-record" JSON file loaded as one change.

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

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
    return Error(of_the_file ? Errc::validation : e.code(), path + ": " + e.what(), path);
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

// Every field of the entity, as the file gives it: fields it leaves out are cleared.
Fields exact_fields(EntityKind kind, const Fields& given) {
    Fields out;
    for (const auto& field : entity_info(kind).fields) {
        auto it = given.find(field.name);
        out[field.name] = it == given.end() ? FieldValue() : it->second;
    }
    return out;
}

// Whether `json_text` is the record this register holds now, as its JSON export says it (the
// version block aside; objects compared whatever their key order).
bool holds_exactly(const Register& reg, std::string_view json_text) {
    std::ostringstream current;
    export_record(reg, {ExportFormat::json, ""}, current);
    auto mine = nlohmann::json::parse(current.str());
    auto theirs = nlohmann::json::parse(json_text, nullptr, false);
    if (theirs.is_discarded() || !theirs.is_object())
        return false;
    mine.erase("version");
    theirs.erase("version");
    return mine == theirs;
}

}  // namespace

std::size_t Register::import_json(std::string_view json_text, bool replace, const ChangeRequest& change) {
    require_current();
    require_file("import");
    const auto data = detail::parse_record_json(json_text);  // the whole file, before any write
    std::map<EntityKind, std::set<std::string>> in_file;
    for (const auto& record : data.records)
        in_file[record.kind].insert(*record.code);

    // Replacing a register with the content it already has records no change: a tool that
    // syncs a register from a file each night leaves a history of real changes only.
    if (replace && holds_exactly(*this, json_text))
        return 0;

    std::size_t loaded = 0;
    write(change, [&](Writer& w) {
        if (!replace) {
            std::size_t own = controller() ? 1 : 0;
            for (const auto& entity : entities())
                if (!is_catalogue(entity.kind) && entity.kind != EntityKind::controller)
                    own += list(entity.kind).size();
            if (own > 0)
                throw Error(Errc::conflict, "the register already holds " + std::to_string(own) +
                                                " records; import loads into an empty register, or use --replace "
                                                "to turn this one into the file's content");
        } else {
            // Clear what the file rebuilds: activities (with their links and retention) and the
            // allowed links of purposes; then the records the file does not have.
            // An activity another one names as its replacement can go only once nothing names it.
            const auto activities = list(EntityKind::activity);
            for (const auto& activity : activities)
                if (auto it = activity.fields.find("replaced_by_activity");
                    it != activity.fields.end() && !std::holds_alternative<std::monostate>(it->second))
                    w.update(EntityKind::activity, *activity.code, {{"replaced_by_activity", std::monostate{}}});
            for (const auto& activity : activities)
                w.remove(EntityKind::activity, *activity.code);
            for (LinkKind kind : {LinkKind::purpose_data_category, LinkKind::purpose_legal_basis,
                                  LinkKind::purpose_legal_source})
                for (const auto& link : list_links(kind))
                    w.unlink(kind, link.from, link.to);
            for (auto it = creation_order.rbegin(); it != creation_order.rend(); ++it)
                for (const auto& record : list(*it))
                    if (record.code && !in_file[*it].count(*record.code))
                        w.remove(*it, *record.code);
        }
        // Records: updated to the file's fields where they exist, created otherwise. An
        // activity's "replaced by" may name an activity created after it: set at the end.
        std::vector<const detail::ImportedRecord*> replaced_by;
        for (EntityKind kind : creation_order)
            for (const auto& record : data.records) {
                if (record.kind != kind)
                    continue;
                Fields fields = record.fields;
                if (kind == EntityKind::activity && fields.count("replaced_by_activity")) {
                    fields.erase("replaced_by_activity");
                    replaced_by.push_back(&record);
                }
                try {
                    if (find(kind, *record.code))
                        w.replace_fields(kind, *record.code, exact_fields(kind, fields));
                    else
                        w.insert(kind, record.code, fields);
                } catch (const Error& e) {
                    throw at_path(e, record.path);
                }
                ++loaded;
            }
        for (const auto* record : replaced_by)
            try {
                w.update(EntityKind::activity, *record->code,
                         {{"replaced_by_activity", record->fields.at("replaced_by_activity")}});
            } catch (const Error& e) {
                throw at_path(e, record->path + ".replaced_by_activity");
            }
        if (data.controller) {
            if (controller())
                w.replace_fields(EntityKind::controller, "#1", exact_fields(EntityKind::controller, data.controller->fields));
            else
                w.insert(EntityKind::controller, std::nullopt, data.controller->fields);
            ++loaded;
        }
        for (const auto& imported : data.links) {
            try {
                w.link(imported.link);
            } catch (const Error& e) {
                throw at_path(e, imported.path);
            }
            ++loaded;
        }
        for (const auto& row : data.retention) {
            try {
                w.insert(EntityKind::retention, std::nullopt, row.fields);
            } catch (const Error& e) {
                throw at_path(e, row.path);
            }
            ++loaded;
        }
    });
    return loaded;
}

} // namespace ropa
