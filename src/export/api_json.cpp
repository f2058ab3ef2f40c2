// The library's reports as JSON, written in one place for the CLI's --json and the C API:
// the log, a diff, the file's description, tags, verify, and the model itself.

#include <nlohmann/json.hpp>

#include "ropa/export.hpp"

namespace ropa {

namespace {

using ordered = nlohmann::ordered_json;

const char* change_word(RecordDiff::Kind kind) {
    switch (kind) {
    case RecordDiff::Kind::added: return "added";
    case RecordDiff::Kind::removed: return "removed";
    case RecordDiff::Kind::changed: return "changed";
    }
    return "changed";
}

const char* type_word(FieldType type) {
    switch (type) {
    case FieldType::text: return "text";
    case FieldType::string: return "string";
    case FieldType::boolean: return "boolean";
    case FieldType::integer: return "integer";
    case FieldType::date: return "date";
    case FieldType::choice: return "choice";
    case FieldType::country: return "country";
    case FieldType::email: return "email";
    case FieldType::reference: return "reference";
    case FieldType::references: return "references";
    }
    return "string";
}

ordered fields_json(const std::vector<FieldInfo>& fields) {
    ordered out = ordered::array();
    for (const auto& field : fields) {
        ordered item{{"name", field.name},
                     {"label", field.label},
                     {"type", type_word(field.type)},
                     {"required", field.required}};
        if (!field.choices.empty())
            item["choices"] = field.choices;
        if (field.references)
            item["references"] = entity_info(*field.references).name;
        if (field.max_bytes)
            item["max_bytes"] = field.max_bytes;
        if (field.allow_eu)
            item["allow_eu"] = true;
        if (field.outside_eea)
            item["outside_eea"] = true;
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

std::string changes_json(const std::vector<ChangeInfo>& changes, int indent) {
    ordered out = ordered::array();
    for (const auto& change : changes)
        out.push_back({{"id", change.id},         {"recorded_at", change.recorded_at}, {"actor", change.actor},
                       {"reason", change.reason}, {"summary", change.summary},         {"tags", change.tags},
                       {"hash", change.hash},     {"prev_hash", change.prev_hash}});
    return out.dump(indent);
}

std::string diff_json(const Diff& diff, int indent) {
    ordered out{{"from_change", diff.from_change}, {"to_change", diff.to_change}, {"records", ordered::array()}};
    for (const auto& record : diff.records) {
        ordered item{{"change", change_word(record.kind)}, {"entity", record.entity}, {"code", record.code}};
        if (!record.fields.empty()) {
            item["fields"] = ordered::array();
            for (const auto& field : record.fields)
                item["fields"].push_back({{"field", field.name}, {"before", field.before}, {"after", field.after}});
        }
        out["records"].push_back(std::move(item));
    }
    return out.dump(indent);
}

std::string info_json(const RegisterInfo& info, int indent) {
    ordered out{{"path", info.path},
                {"schema_level", info.schema_level},
                {"program_schema_level", info.program_schema_level},
                {"seeds_applied", info.seeds_applied},
                {"tables", ordered::object()}};
    for (const auto& table : info.tables)
        out["tables"][table.table] = table.rows;
    return out.dump(indent);
}

std::string tags_json(const std::vector<TagInfo>& tags, int indent) {
    ordered out = ordered::array();
    for (const auto& tag : tags)
        out.push_back({{"name", tag.name},
                       {"change_id", tag.change_id},
                       {"created_at", tag.created_at},
                       {"actor", tag.actor},
                       {"message", tag.message},
                       {"signer", tag.signer_key.empty() ? ordered(nullptr)
                                                         : ordered(PublicKey::from_hex(tag.signer_key).fingerprint())}});
    return out.dump(indent);
}

std::string verify_json(const VerifyReport& report, int indent) {
    return ordered{{"ok", report.ok()},
                   {"changes_checked", report.changes_checked},
                   {"rows_checked", report.rows_checked},
                   {"signatures_checked", report.signatures_checked},
                   {"signers", report.signers},
                   {"problems", report.problems}}
        .dump(indent);
}

std::string model_json(int indent) {
    ordered out{{"entities", ordered::array()}, {"links", ordered::array()}};
    for (const auto& entity : entities())
        out["entities"].push_back({{"name", entity.name},
                                   {"label", entity.label},
                                   {"has_code", entity.has_code},
                                   {"fields", fields_json(entity.fields)}});
    for (const auto& link : links())
        out["links"].push_back({{"name", link.name},
                                {"label", link.label},
                                {"from", entity_info(link.from).name},
                                {"to", entity_info(link.to).name},
                                {"fields", fields_json(link.fields)}});
    return out.dump(indent);
}

} // namespace ropa
