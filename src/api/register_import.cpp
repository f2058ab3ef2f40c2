// Register::import_json and apply_seed: a "ropa-record" JSON file loaded as one change (a seed
// is one, compiled in, that names itself).

#include <algorithm>
#include <istream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "domain/lifecycle.hpp"
#include "core/log_internal.hpp"
#include "history/sha256.hpp"
#include "import/json_import.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "api/import_support.hpp"
#include "api/write_context.hpp"
#include "storage/embedded_resources.hpp"
#include "storage/record_store.hpp"
#include "storage/register_facts.hpp"

namespace ropa {

namespace {

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

}  // namespace

namespace detail {

/// How a file meets what the register holds already.
enum class ImportMode {
    into_empty,  ///< the register holds no records of its own (the catalogue may be there)
    replace,     ///< the register becomes the file's content
    add,         ///< the file's records are added; one the register has already is refused (a seed, D9)
};

/// Brings the register to the content of a ropa-record file read as a stream, one record at a
/// time (RecordSink), writing only what differs: a record whose fields are the file's is left
/// alone, and so is every link the file also has, so a file the register already holds records
/// no change at all, and a one-word change is one changed record in the log.
///
/// A record can name one the file gives later (a recipient its processor, a purpose the data
/// categories it allows, an activity's retention row its category): such a reference, link or
/// row waits until the end of the file. What waits
/// is small (codes), and a file in the order ropa writes it defers nothing an activity holds.
class RecordImporter final : public RecordSink {
public:
    /// `loading` names what is loaded in a refusal of mode `add` ("seed \"ccb-annex\"").
    RecordImporter(const Register& reg, Writer& writer, ImportMode mode, std::string loading = "the file")
        : reg_(reg), w_(writer), replace_(mode == ImportMode::replace), adding_(mode == ImportMode::add),
          loading_(std::move(loading)) {}

    void controller(ImportedRecord record) override {
        require_empty_register();
        const auto fields = exact_fields(EntityKind::controller, record.fields);
        const auto current = reg_.list(EntityKind::controller);
        if (adding_ && !current.empty())
            throw Error(Errc::conflict,
                        record.path + ": the register already has a controller; " + loading_ +
                            " only loads into a register without one",
                        record.path);
        try {
            if (current.empty())
                w_.insert(EntityKind::controller, std::nullopt, record.fields);
            else if (current.front().fields != fields)
                w_.replace_fields(EntityKind::controller, "#" + std::to_string(current.front().id), fields);
        } catch (const Error& e) {
            throw at_path(e, record.path);
        }
        ++loaded_;
    }

    void record(ImportData piece) override {
        require_empty_register();
        const auto& record = piece.records.front();
        const EntityKind kind = record.kind;
        const std::string& code = *record.code;
        Fields given = record.fields;
        std::set<std::string> waiting;  // optional references to records the file has not given yet
        for (const auto& field : entity_info(kind).fields) {
            auto it = given.find(field.name);
            if (field.required || !field.references || it == given.end() || exist(*field.references, it->second))
                continue;
            deferred_fields_.push_back({kind, code, field.name, it->second, record.path});
            waiting.insert(field.name);
            given.erase(it);
        }
        Fields fields = exact_fields(kind, given);
        for (const auto& name : waiting)
            fields.erase(name);
        const auto current = reg_.find(kind, code);
        // Adding never changes what is there: the legal catalogue the migrations gave may be
        // named as it is; anything else already there is refused (a DPO's edits stay theirs).
        if (adding_ && current && !(is_catalogue(kind) && current->fields == fields))
            throw Error(Errc::conflict,
                        record.path + ": the register already has " + entity_info(kind).name + " \"" + code + "\"; " +
                            loading_ + " only loads into a register without its records",
                        record.path);
        try {
            if (current) {
                Fields now = current->fields;
                for (const auto& name : waiting)
                    now.erase(name);
                if (now != fields)
                    w_.replace_fields(kind, code, fields);
            } else {
                w_.insert(kind, code, given);
            }
        } catch (const Error& e) {
            throw at_path(e, record.path);
        }
        seen_[kind].insert(code);
        ++loaded_;
        links_of(kind, code, current.has_value(), piece.links);
        if (kind == EntityKind::activity)
            retention_of(code, current.has_value(), piece.retention);
    }

    /// After the whole file: the references and links that waited; with `replace`, the records
    /// the file does not have are removed (activities first, with what they own).
    void acknowledgements(std::vector<Acknowledgement> acknowledgements) override {
        acknowledgements_ = std::move(acknowledgements);
    }
    void settings(Settings settings) override { settings_ = std::move(settings); }

    void finish() {
        require_empty_register();
        for (const auto& [kind, code, name, value, path] : deferred_fields_)
            if (reg_.get(kind, code).fields.at(name) != value)
                try {
                    w_.update(kind, code, {{name, value}});
                } catch (const Error& e) {
                    throw at_path(e, path + "." + name);
                }
        for (const auto& imported : deferred_links_)
            try {
                w_.link(imported.link);
            } catch (const Error& e) {
                throw at_path(e, imported.path);
            }
        for (const auto& row : deferred_retention_)
            try {
                w_.insert(EntityKind::retention, std::nullopt, row.fields);
            } catch (const Error& e) {
                throw at_path(e, row.path);
            }
        // The accepted warnings are the file's (with --replace, those it lacks go too): restored
        // as recorded, not checked again, since they record the DPO's decision at the time.
        if (acknowledgements_ || replace_)
            w_.restore_acknowledgements(acknowledgements_.value_or(std::vector<Acknowledgement>{}), replace_);
        // So are its register's settings, where the file has them (format version 4); a file of
        // an older version says nothing of them, and the register keeps its own.
        if (settings_)
            try {
                w_.change_settings(*settings_);
            } catch (const Error& e) {
                throw at_path(e, "$.settings");
            }
        if (!replace_)
            return;
        std::vector<std::string> gone;  // read first: no write while the stream's cursor is open
        reg_.for_each_activity([&](const ActivityRecord& activity) {
            if (!seen_[EntityKind::activity].count(*activity.activity.code))
                gone.push_back(*activity.activity.code);
        });
        for (const auto& code : gone)
            if (!std::holds_alternative<std::monostate>(reg_.get(EntityKind::activity, code).fields.at("replaced_by_activity")))
                w_.update(EntityKind::activity, code, {{"replaced_by_activity", std::monostate{}}});
        for (const auto& code : gone)
            w_.remove(EntityKind::activity, code);
        // then the other records, those that refer to others first
        for (auto it = creation_order.rbegin(); it != creation_order.rend(); ++it)
            if (*it != EntityKind::activity)
                for (const auto& record : reg_.list(*it))
                    if (record.code && !seen_[*it].count(*record.code))
                        w_.remove(*it, *record.code);
    }

    std::size_t loaded() const { return loaded_; }

    // Without `replace`, the register must hold no records of its own. Checked when the file's
    // first record comes, so that a file that is no ropa-record at all is told so first.
    void require_empty_register() {
        if (replace_ || adding_ || checked_empty_)
            return;
        checked_empty_ = true;
        // counted, not read: a register of 100,000 activities is refused as quickly
        std::set<std::string> own_tables;
        for (const auto& entity : entities())
            if (!is_catalogue(entity.kind))
                own_tables.insert(detail::table_of_entity(entity.kind));
        std::int64_t own = 0;
        for (const auto& table : reg_.info().tables)
            if (own_tables.count(table.table))
                own += table.rows;
        if (own > 0)
            throw Error(Errc::conflict, "the register already holds " + std::to_string(own) +
                                            " records; import loads into an empty register, or use --replace "
                                            "to turn this one into the file's content");
    }


private:
    struct DeferredField {
        EntityKind kind;
        std::string code, name;
        FieldValue value;
        std::string path;
    };

    // Whether every record `value` names exists already (given by the file so far, or there).
    bool exist(EntityKind kind, const FieldValue& value) {
        auto one = [&](const std::string& code) {
            if (seen_[kind].count(code) || there_[kind].count(code))
                return true;
            if (!reg_.find(kind, code))
                return false;
            there_[kind].insert(code);
            return true;
        };
        if (const auto* code = std::get_if<std::string>(&value))
            return one(*code);
        if (const auto* codes = std::get_if<Codes>(&value))
            return std::all_of(codes->begin(), codes->end(), one);
        return true;
    }

    bool link_ready(const LinkInfo& info, const Link& link) {
        if (!exist(info.to, link.to))
            return false;
        for (const auto& field : info.fields)
            if (field.references)
                if (auto it = link.fields.find(field.name); it != link.fields.end() && !exist(*field.references, it->second))
                    return false;
        return true;
    }

    // The record's links become the file's: those it lacks removed, new ones made, changed
    // ones made anew.
    void links_of(EntityKind kind, const std::string& code, bool existed, const std::vector<ImportedLink>& given) {
        std::map<LinkKind, std::map<std::string, const ImportedLink*>> wanted;
        for (const auto& imported : given)
            if (!wanted[imported.link.kind].emplace(imported.link.to, &imported).second)
                throw Error(Errc::validation,
                            imported.path + ": " + imported.link.from + " and " + imported.link.to +
                                " are already linked (" + link_info(imported.link.kind).name + ")",
                            imported.path);
        for (const auto& info : links()) {
            if (info.from != kind)
                continue;
            std::map<std::string, Fields> current;
            if (existed)
                for (auto& link : reg_.list_links(info.kind, code))
                    current.emplace(link.to, exact_link_fields(info.kind, link.fields));
            const auto& want = wanted[info.kind];
            for (const auto& [to, fields] : current) {
                auto it = want.find(to);
                if (it == want.end() || exact_link_fields(info.kind, it->second->link.fields) != fields)
                    w_.unlink(info.kind, code, to);
            }
            for (const auto& [to, imported] : want) {
                auto it = current.find(to);
                if (it == current.end() || exact_link_fields(info.kind, imported->link.fields) != it->second) {
                    if (!link_ready(info, imported->link))
                        deferred_links_.push_back(*imported);
                    else
                        try {
                            w_.link(imported->link);
                        } catch (const Error& e) {
                            throw at_path(e, imported->path);
                        }
                }
                ++loaded_;
            }
        }
    }

    // An activity's retention rows become the file's, matched by scope (one row each).
    void retention_of(const std::string& activity, bool existed, const std::vector<ImportedRecord>& given) {
        std::map<std::pair<std::string, std::string>, Record> rows;
        if (existed) {
            for (auto& row : reg_.list(EntityKind::retention, rows_of_activity(activity)))
                rows.emplace(retention_scope(row.fields), std::move(row));
        }
        std::set<std::pair<std::string, std::string>> kept;
        for (const auto& row : given) {
            const auto fields = exact_fields(EntityKind::retention, row.fields);
            const auto scope = retention_scope(fields);
            try {
                if (!kept.insert(scope).second)
                    throw Error(Errc::conflict, "the activity already has a retention row for " + scope_shown(scope));
                // a category or subject group the file gives later: the row waits (none can be
                // there for it yet)
                if ((!scope.first.empty() && !exist(EntityKind::data_category, scope.first)) ||
                    (!scope.second.empty() && !exist(EntityKind::data_subject, scope.second))) {
                    deferred_retention_.push_back(row);
                    ++loaded_;
                    continue;
                }
                if (auto it = rows.find(scope); it != rows.end()) {
                    if (it->second.fields != fields)
                        w_.replace_fields(EntityKind::retention, "#" + std::to_string(it->second.id), fields);
                } else {
                    w_.insert(EntityKind::retention, std::nullopt, row.fields);
                }
            } catch (const Error& e) {
                throw at_path(e, row.path);
            }
            ++loaded_;
        }
        for (const auto& [scope, row] : rows)
            if (!kept.count(scope))
                w_.remove(EntityKind::retention, "#" + std::to_string(row.id));
    }

    const Register& reg_;
    Writer& w_;
    bool replace_;
    bool adding_;
    std::string loading_;
    bool checked_empty_ = false;
    std::size_t loaded_ = 0;
    std::map<EntityKind, std::set<std::string>> seen_;   ///< codes the file has given so far
    std::map<EntityKind, std::set<std::string>> there_;  ///< codes found in the register
    std::vector<DeferredField> deferred_fields_;
    std::vector<ImportedLink> deferred_links_;
    std::vector<ImportedRecord> deferred_retention_;
    std::optional<std::vector<Acknowledgement>> acknowledgements_;  ///< where the file has them
    std::optional<Settings> settings_;                               ///< where the file has them
};

}  // namespace detail

namespace {

template <typename Input>
std::size_t import_from(Register& reg, Input&& input, bool replace, const ChangeRequest& change) {
    std::size_t loaded = 0;
    const bool changed = reg.write(change, [&](Writer& w) {
        detail::RecordImporter importer(reg, w, replace ? detail::ImportMode::replace : detail::ImportMode::into_empty);
        detail::read_record_json(std::forward<Input>(input), importer);
        importer.finish();
        loaded = importer.loaded();
    });
    return changed ? loaded : 0;
}

}  // namespace

std::size_t Register::import_json(std::istream& json, bool replace, const ChangeRequest& change) {
    const auto held = hold();
    require_current();
    return import_from(*this, json, replace, change);
}

std::size_t Register::import_json(std::string_view json_text, bool replace, const ChangeRequest& change) {
    const auto held = hold();
    require_current();
    return import_from(*this, json_text, replace, change);
}

namespace {

const detail::EmbeddedSeed& find_seed(std::string_view name) {
    for (const auto& seed : detail::embedded_seeds())
        if (seed.name == name)
            return seed;
    std::string known;
    for (const auto& seed : detail::embedded_seeds())
        known += (known.empty() ? "" : ", ") + std::string(seed.name);
    throw Error(Errc::not_found, "no seed named \"" + std::string(name) + "\" (available: " + known + ")", "seed");
}

// A seed names itself; the name must be its file's, or `ropa seed list` and the register's
// record of what was applied would disagree.
detail::SeedHeader header_of(const detail::EmbeddedSeed& seed) {
    auto header = detail::read_seed_header(seed.json);
    if (header.name != seed.name)
        throw Error(Errc::internal, "seed file " + std::string(seed.name) + ".json names itself \"" + header.name + "\"");
    return header;
}

}  // namespace

std::vector<SeedInfo> Register::available_seeds() {
    std::vector<SeedInfo> seeds;
    for (const auto& seed : detail::embedded_seeds())
        seeds.push_back(seed_info(seed.name));
    return seeds;
}

SeedInfo Register::seed_info(std::string_view name) {
    const auto& embedded = find_seed(name);
    return {std::string(embedded.name), header_of(embedded).title, detail::sha256_hex(embedded.json)};
}

// A seed is a ropa-record file compiled in: loaded by the importer (every field validated,
// every rule applied, as for any import), adding its records to those there, and marked
// applied in the same change, so that applying it again changes nothing.
SeedOutcome Register::apply_seed(std::string_view name, const ChangeRequest& change) {
    const auto held = hold();
    require_current();
    const auto& embedded = find_seed(name);
    const auto header = header_of(embedded);
    const bool applied = write(change, [&](Writer& w) {
        if (w.seed_applied(header.name))
            return;
        detail::RecordImporter importer(*this, w, detail::ImportMode::add, "seed \"" + header.name + "\"");
        detail::read_record_json(embedded.json, importer);
        importer.finish();
        w.mark_seed_applied(header.name, detail::sha256_hex(embedded.json));
    });
    if (applied)
        detail::logger()->info("seed {} applied by {}: {}", header.name, change.actor, change.reason);
    return applied ? SeedOutcome::applied : SeedOutcome::already_applied;
}

bool Writer::seed_applied(std::string_view name) const { return detail::seed_applied(context_.connection.db(), name); }

void Writer::mark_seed_applied(std::string_view name, std::string_view sha256) {
    detail::mark_seed_applied(context_.connection.db(), name, sha256);
}

} // namespace ropa
