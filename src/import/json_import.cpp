#include "import/json_import.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "domain/field_validation.hpp"
#include "domain/text_rules.hpp"
#include "import/json_layout.hpp"
#include "import/strict_json.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

using json = nlohmann::json;

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
    throw Error(Errc::validation, path + ": " + what, path);
}



// Fields of one object, described by `described`; `skip` are keys handled by the caller.
// `format_version` 1 named a basis's one legal source "legal_source"; it reads as a list of one.
Fields read_fields(const json& object, const std::vector<FieldInfo>& described, const std::string& path,
                   const std::set<std::string>& skip, int format_version = current_format_version) {
    if (!object.is_object())
        refuse(path, "must be an object");
    // field -> language -> status, for the translations the record notes
    std::map<std::string, std::map<std::string, TextStatus>> statuses;
    for (const auto& [key, status] : {std::pair{"unofficial_translations", TextStatus::unofficial},
                                      std::pair{"official_translations", TextStatus::official}}) {
        auto it = object.find(key);
        if (it == object.end())
            continue;
        const std::string where = path + "." + key;
        if (!it->is_object())
            refuse(where, "must map field names to lists of languages");
        for (const auto& [field, langs] : it->items()) {
            if (!langs.is_array())
                refuse(where + "." + field, "must be a list of language tags");
            for (const auto& lang : langs) {
                if (!lang.is_string())
                    refuse(where + "." + field, "must be a list of language tags");
                if (!statuses[field].emplace(lang.get<std::string>(), status).second)
                    refuse(where + "." + field, "lists " + lang.get<std::string>() +
                                                    " twice, or as both an official and an unofficial translation");
            }
        }
    }
    Fields fields;
    for (const auto& [key, value] : object.items()) {
        if (skip.count(key) || key == "unofficial_translations" || key == "official_translations")
            continue;
        const std::string where = path + "." + key;
        const FieldInfo* field = nullptr;
        for (const auto& candidate : described)
            if (candidate.name == key)
                field = &candidate;
        if (!field && format_version == 1 && value.is_string())
            for (const auto& candidate : described)
                if (candidate.type == FieldType::references && candidate.name == key + "s") {
                    if (object.contains(candidate.name))
                        refuse(where, "and " + candidate.name + " are given both; give " + candidate.name + " only");
                    fields[candidate.name] = Codes{value.get<std::string>()};
                    field = &candidate;
                }
        if (field && field->name != key)
            continue;
        if (!field)
            refuse(where, "is not a field of this record");
        switch (field->type) {
        case FieldType::text: {
            if (!value.is_object())
                refuse(where, "must be an object of texts keyed by language, such as {\"en\": \"...\"}");
            LocalizedText text;
            for (const auto& [lang, translation] : value.items()) {
                if (!translation.is_string())
                    refuse(where + "." + lang, "must be a string");
                const auto noted = statuses[key].find(lang);
                text[lang] = {translation.get<std::string>(),
                              noted == statuses[key].end() ? TextStatus::source : noted->second};
            }
            fields[key] = std::move(text);
            break;
        }
        case FieldType::boolean:
            if (!value.is_boolean())
                refuse(where, "must be true or false");
            fields[key] = value.get<bool>();
            break;
        case FieldType::integer:
            if (!value.is_number_integer())
                refuse(where, "must be a whole number");
            fields[key] = value.get<std::int64_t>();
            break;
        case FieldType::string:
        case FieldType::email:
        case FieldType::date:
        case FieldType::choice:
        case FieldType::country:
        case FieldType::reference:
            if (!value.is_string())
                refuse(where, "must be a string");
            fields[key] = value.get<std::string>();
            break;
        case FieldType::references: {
            if (!value.is_array())
                refuse(where, "must be a list of codes");
            Codes codes;
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string())
                    refuse(where + "[" + std::to_string(i) + "]", "must be a string (a code)");
                codes.push_back(value[i].get<std::string>());
            }
            fields[key] = std::move(codes);
            break;
        }
        }
    }
    return fields;
}

// Field validation with the JSON path in the message instead of the entity name.
void validate(const std::vector<FieldInfo>& described, const std::string& owner, const Fields& fields,
              const std::string& path, bool creating) {
    try {
        EntityInfo info{EntityKind::purpose, owner, "", true, described};
        validate_fields(info, fields, creating);
    } catch (const Error& e) {
        std::string field = e.field();
        const std::string prefix = owner + ".";
        if (field.rfind(prefix, 0) == 0)
            field = field.substr(prefix.size());
        std::string message = e.what();
        if (message.rfind(e.field() + ": ", 0) == 0)
            message = message.substr(e.field().size() + 2);
        refuse(path + "." + field, message);
    }
}

std::string code_of(const json& object, const std::string& path) {
    auto it = object.find("code");
    if (it == object.end() || !it->is_string())
        refuse(path + ".code", "is required (a string)");
    const auto code = it->get<std::string>();
    try {
        require_code(code, "code");
    } catch (const Error& e) {
        refuse(path + ".code", std::string(e.what()).substr(6));
    }
    return code;
}

// One record of section `kind` at `path`, with the links that start from it and, for an
// activity, its retention rows, appended to `data`. `codes`: the codes seen in the section.
void read_item(EntityKind kind, const json& object, const std::string& path, int format_version,
               std::set<std::string>* codes, ImportData& data) {
    const auto& entity = entity_info(kind);
    if (!object.is_object())
        refuse(path, "must be an object");
    const auto code = code_of(object, path);
    if (codes && !codes->insert(code).second)
        refuse(path + ".code", "\"" + code + "\" appears twice");
    std::set<std::string> skip{"code"};
    std::vector<const LinkInfo*> own_links;
    for (const auto& link : links())
        if (link.from == kind) {
            skip.insert(json_link_key(link.kind));
            own_links.push_back(&link);
        }
    if (kind == EntityKind::activity)
        skip.insert("retention");
    auto fields = read_fields(object, entity.fields, path, skip);
    validate(entity.fields, entity.name, fields, path, true);
    data.records.push_back({kind, code, std::move(fields), path});
    for (const auto* link : own_links) {
        const std::string where = path + "." + json_link_key(link->kind);
        auto list = object.find(json_link_key(link->kind));
        if (list == object.end())
            continue;
        if (!list->is_array())
            refuse(where, "must be an array");
        for (std::size_t k = 0; k < list->size(); ++k) {
            const auto& item = (*list)[k];
            const std::string item_path = where + "[" + std::to_string(k) + "]";
            Link imported{link->kind, code, "", {}};
            if (link->fields.empty()) {
                if (!item.is_string())
                    refuse(item_path, "must be a code");
                imported.to = item.get<std::string>();
            } else {
                imported.to = code_of(item, item_path);
                imported.fields = read_fields(item, link->fields, item_path, {"code"}, format_version);
                validate(link->fields, link->name, imported.fields, item_path, false);
            }
            data.links.push_back({std::move(imported), item_path});
        }
    }
    if (kind == EntityKind::activity) {
        auto rows = object.find("retention");
        if (rows == object.end())
            return;
        if (!rows->is_array())
            refuse(path + ".retention", "must be an array");
        const auto& described = entity_info(EntityKind::retention).fields;
        for (std::size_t k = 0; k < rows->size(); ++k) {
            const std::string row_path = path + ".retention[" + std::to_string(k) + "]";
            auto row = read_fields((*rows)[k], described, row_path, {});
            if (row.count("activity"))
                refuse(row_path + ".activity", "is implied by the activity the row belongs to");
            row["activity"] = code;
            validate(described, "retention", row, row_path, true);
            data.retention.push_back({EntityKind::retention, std::nullopt, std::move(row), row_path});
        }
    }
}

} // namespace

Fields fields_from_json_text(EntityKind kind, std::string_view text, const std::string& path) {
    const json object = parse_json_strictly(text, path);
    const auto& entity = entity_info(kind);
    auto fields = read_fields(object, entity.fields, path, {});
    validate(entity.fields, entity.name, fields, path, false);
    return fields;
}

Fields link_fields_from_json_text(LinkKind kind, std::string_view text, const std::string& path) {
    const json object = parse_json_strictly(text, path);
    const auto& link = link_info(kind);
    auto fields = read_fields(object, link.fields, path, {}, current_format_version);
    validate(link.fields, link.name, fields, path, false);
    return fields;
}

ImportData parse_record_json(std::string_view text) {
    json root = parse_json_strictly(text, "$");
    if (!root.is_object())
        refuse("$", "must be a JSON object (a ropa-record export)");
    if (auto format = root.find("format"); format == root.end() || *format != "ropa-record")
        refuse("$.format", "must be \"ropa-record\"");
    const auto version = root.find("format_version");
    if (version == root.end() || !version->is_number_integer() || version->get<int>() < 1 ||
        version->get<int>() > current_format_version)
        refuse("$.format_version", "must be 1 or " + std::to_string(current_format_version) +
                                       " (this ropa reads format versions 1 to " +
                                       std::to_string(current_format_version) + ")");
    const int format_version = version->get<int>();
    std::set<std::string> known{"format",    "format_version", "version", "activities_shown",
                                "languages", "contains_unofficial_translations", "controller"};
    for (const auto& [kind, key] : json_sections())
        known.insert(key);
    for (const auto& [key, value] : root.items())
        if (!known.count(key))
            refuse("$." + key, "is not part of a ropa-record");

    ImportData data;
    if (auto it = root.find("controller"); it != root.end() && !it->is_null()) {
        const auto& described = entity_info(EntityKind::controller).fields;
        auto fields = read_fields(*it, described, "$.controller", {});
        validate(described, "controller", fields, "$.controller", true);
        data.controller = ImportedRecord{EntityKind::controller, std::nullopt, std::move(fields), "$.controller"};
    }
    for (const auto& [kind, key] : json_sections()) {
        auto it = root.find(key);
        if (it == root.end())
            refuse(std::string("$.") + key, "is missing");
        if (!it->is_array())
            refuse(std::string("$.") + key, "must be an array");
        std::set<std::string> codes;
        for (std::size_t i = 0; i < it->size(); ++i)
            read_item(kind, (*it)[i], std::string("$.") + key + "[" + std::to_string(i) + "]", format_version, &codes,
                      data);
    }
    return data;
}

ImportData parse_activity_document(std::string_view text) {
    const json object = parse_json_strictly(text, "$");
    if (!object.is_object())
        refuse("$", "must be a JSON object: one activity as the JSON export writes it");
    ImportData data;
    read_item(EntityKind::activity, object, "$", current_format_version, nullptr, data);
    return data;
}

} // namespace ropa::detail
