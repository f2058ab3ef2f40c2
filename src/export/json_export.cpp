// The JSON export (format "ropa-record") and its JSON Schema, both derived from the entity
// descriptions so that they cannot drift apart. docs/export-format.md documents them.

#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "export/formats.hpp"
#include "import/json_layout.hpp"

namespace ropa::detail {

namespace {

using json = nlohmann::ordered_json;

// For each text field of a record, the languages in which it is a translation rather than the
// source text: unofficial (made for convenience) or official (with the source's authority).
struct TranslationNotes {
    json unofficial = json::object();
    json official = json::object();

    // After the record's other keys, and only when there is something to say, so that records
    // without translations look as they always did.
    void put_into(json& out) const {
        if (!unofficial.empty())
            out["unofficial_translations"] = unofficial;
        if (!official.empty())
            out["official_translations"] = official;
    }
};

json text_json(const LocalizedText& text, TranslationNotes& notes, const std::string& field) {
    json out = json::object();
    for (const auto& [lang, translation] : text) {
        out[lang] = translation.value;
        if (translation.status == TextStatus::unofficial)
            notes.unofficial[field].push_back(lang);
        else if (translation.status == TextStatus::official)
            notes.official[field].push_back(lang);
    }
    return out;
}

// A record's fields: empty ones left out; texts as {"lang": "value"}; references as codes.
// `written` leaves out a field the format version being written does not have.
void put_fields(json& out, const std::vector<FieldInfo>& described, const Fields& fields, TranslationNotes& notes,
                const std::function<bool(const FieldInfo&)>& written = {}) {
    for (const auto& field : described) {
        if (written && !written(field))
            continue;
        auto it = fields.find(field.name);
        if (it == fields.end() || std::holds_alternative<std::monostate>(it->second))
            continue;
        const auto& value = it->second;
        if (const auto* text = std::get_if<LocalizedText>(&value))
            out[field.name] = text_json(*text, notes, field.name);
        else if (const auto* s = std::get_if<std::string>(&value))
            out[field.name] = *s;
        else if (const auto* n = std::get_if<std::int64_t>(&value))
            out[field.name] = *n;
        else if (const auto* b = std::get_if<bool>(&value))
            out[field.name] = *b;
        else if (const auto* codes = std::get_if<Codes>(&value); codes && !codes->empty())
            out[field.name] = *codes;
    }
}

using LinksOf = std::function<const std::vector<Link>&(LinkKind)>;

// One record with the links that start from it and, for an activity, its retention rows.
json record_json(const EntityInfo& entity, const Record& record, const LinksOf& links_of,
                 const std::vector<Record>* retention_rows, int format_version = current_format_version) {
    json out = json::object();
    TranslationNotes notes;
    if (record.code)
        out["code"] = *record.code;
    put_fields(out, entity.fields, record.fields, notes);
    if (record.code)
        for (const auto& link : links()) {
            if (link.from != entity.kind)
                continue;
            json list = json::array();
            for (const auto& found : links_of(link.kind)) {
                if (link.fields.empty()) {
                    list.push_back(found.to);
                    continue;
                }
                json item{{"code", found.to}};
                TranslationNotes link_notes;
                put_fields(item, link.fields, found.fields, link_notes, [&](const FieldInfo& field) {
                    return json_has_link_field(format_version, link.kind, field.name);
                });
                link_notes.put_into(item);
                if (item.size() == 1 && !json_link_always_object(link.kind))
                    list.push_back(found.to);
                else
                    list.push_back(std::move(item));
            }
            out[json_link_key(link.kind)] = std::move(list);
        }
    if (retention_rows) {
        json retention = json::array();
        const auto& retention_info = entity_info(EntityKind::retention);
        for (const auto& row : *retention_rows) {
            json item = json::object();
            TranslationNotes row_notes;
            std::vector<FieldInfo> fields;
            for (const auto& field : retention_info.fields)
                if (field.name != "activity")
                    fields.push_back(field);
            put_fields(item, fields, row.fields, row_notes);
            row_notes.put_into(item);
            retention.push_back(std::move(item));
        }
        out["retention"] = std::move(retention);
    }
    notes.put_into(out);
    return out;
}

// --- schema ----------------------------------------------------------------------------

json field_schema(const FieldInfo& field) {
    switch (field.type) {
    case FieldType::text: return {{"$ref", "#/$defs/text"}};
    case FieldType::string: return {{"type", "string"}, {"minLength", 1}};
    case FieldType::boolean: return {{"type", "boolean"}};
    case FieldType::integer: return {{"type", "integer"}, {"minimum", 1}};
    case FieldType::date: return {{"$ref", "#/$defs/date"}};
    case FieldType::choice: return {{"enum", field.choices}};
    case FieldType::email: return {{"type", "string"}, {"pattern", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"}};
    case FieldType::country: return {{"$ref", field.allow_eu ? "#/$defs/jurisdiction" : "#/$defs/country"}};
    case FieldType::reference: return {{"$ref", "#/$defs/reference"}};
    case FieldType::references:
        return {{"type", "array"}, {"items", {{"$ref", "#/$defs/reference"}}}, {"minItems", 1}, {"uniqueItems", true}};
    }
    return json::object();
}

json object_schema(const std::vector<FieldInfo>& fields, bool with_code, const std::string& title) {
    json properties = json::object();
    json required = json::array();
    if (with_code) {
        properties["code"] = {{"$ref", "#/$defs/code"}};
        required.push_back("code");
    }
    for (const auto& field : fields) {
        properties[field.name] = field_schema(field);
        properties[field.name]["description"] = field.label;
        if (field.required)
            required.push_back(field.name);
    }
    properties["unofficial_translations"] = {{"$ref", "#/$defs/unofficial_translations"}};
    properties["official_translations"] = {{"$ref", "#/$defs/official_translations"}};
    return {{"title", title}, {"type", "object"}, {"properties", properties},
            {"required", required}, {"additionalProperties", false}};
}

} // namespace

namespace {
void write_json_document(const RecordView& view, std::ostream& out);
}

void write_json(const RecordView& view, std::ostream& out) {
    try {
        write_json_document(view, out);
    } catch (const json::type_error&) {
        // Only text that is not UTF-8 fails to serialise, and ropa stores none: it was
        // written behind ropa's back, which verify names row by row.
        throw Error(Errc::storage,
                    "the register holds text that is not valid UTF-8, written outside ropa; `ropa verify` names the rows");
    }
}

namespace {
void write_json_document(const RecordView& view, std::ostream& out) {
    json doc;
    doc["format"] = "ropa-record";
    doc["format_version"] = view.format_version;
    json version = nullptr;
    if (view.version)
        version = {{"change", view.version->id},
                   {"recorded_at", view.version->recorded_at},
                   {"hash", view.version->hash},
                   {"tags", view.version->tags}};
    doc["version"] = version;
    if (view.approved_only)
        doc["activities_shown"] = "approved";
    doc["languages"] = view.texts.languages;
    doc["contains_unofficial_translations"] = view.texts.has_unofficial;
    if (view.format_version >= 4)  // version 4: the register's settings travel with its record
        doc["settings"] = {{"default_language", view.settings.default_language},
                           {"review_interval_months", view.settings.review_interval_months},
                           {"required_fields", view.settings.required_fields}};
    if (view.controller) {
        json controller = json::object();
        TranslationNotes controller_notes;
        put_fields(controller, entity_info(EntityKind::controller).fields, view.controller->fields, controller_notes);
        controller_notes.put_into(controller);
        doc["controller"] = controller;
    } else {
        doc["controller"] = nullptr;
    }
    for (const auto& [kind, key] : json_sections()) {
        if (kind == EntityKind::activity)
            continue;  // streamed below
        json list = json::array();
        for (const auto& record : view.of(kind)) {
            const std::string code = record.code.value_or("");
            const LinksOf links_of = [&](LinkKind link) -> const std::vector<Link>& { return view.links_from(link, code); };
            list.push_back(record_json(entity_info(kind), record, links_of, nullptr, view.format_version));
        }
        doc[key] = std::move(list);
    }
    // The activities (the last section of json_sections()) are written one at a time, laid out
    // exactly as dump(2) lays out a nested array, so the document is the same as one dump.
    std::string head = doc.dump(2);
    head.pop_back();  // the closing brace; the document goes on with the activities
    while (!head.empty() && (head.back() == '\n' || head.back() == ' '))
        head.pop_back();
    out << head << ",\n  \"activities\": [";
    bool first = true;
    view.for_each_activity([&](const ActivityRecord& activity) {
        const LinksOf links_of = [&](LinkKind link) -> const std::vector<Link>& { return activity.links_of(link); };
        std::string item = record_json(entity_info(EntityKind::activity), activity.activity, links_of,
                                       &activity.retention, view.format_version)
                               .dump(2);
        out << (first ? "\n    " : ",\n    ");
        first = false;
        // indented two levels deeper; JSON strings escape newlines, so every raw one is layout
        std::size_t from = 0;
        for (std::size_t newline; (newline = item.find('\n', from)) != std::string::npos; from = newline + 1)
            out.write(item.data() + from, static_cast<std::streamsize>(newline + 1 - from)) << "    ";
        out.write(item.data() + from, static_cast<std::streamsize>(item.size() - from));
    });
    out << (first ? "]" : "\n  ]");
    // The warnings the DPO accepted, where there are any (so that a register without them
    // exports the bytes it always did): import restores them.
    if (!view.acknowledgements.empty()) {
        json list = json::array();
        for (const auto& a : view.acknowledgements)
            list.push_back({{"finding_code", a.finding_code},
                            {"subject", a.subject},
                            {"reason", a.reason},
                            {"acknowledged_by", a.acknowledged_by},
                            {"acknowledged_at", a.acknowledged_at}});
        std::string text = json{{"acknowledgements", std::move(list)}}.dump(2);
        text = text.substr(2, text.size() - 4);  // the member alone, as it sits in the document
        out << ",\n" << text;
    }
    out << "\n}\n";
}
} // namespace

std::string activity_document_text(const RegisterView& reg, std::string_view code) {
    const auto record = reg.activity_record(code);  // Error{not_found} names it
    const LinksOf links_of = [&](LinkKind link) -> const std::vector<Link>& { return record.links_of(link); };
    return record_json(entity_info(EntityKind::activity), record.activity, links_of, &record.retention).dump(2) + "\n";
}

std::string json_schema_text() {
    json schema;
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    schema["$id"] = "https://ropa.invalid/schema/ropa-record.schema.json";
    schema["title"] = "ropa record of processing activities (GDPR Art. 30)";
    schema["description"] = "The JSON export of a ropa register. Generated from ropa's entity descriptions; see "
                            "docs/export-format.md.";
    schema["type"] = "object";
    json defs;
    defs["code"] = {{"type", "string"}, {"pattern", "^[A-Za-z0-9._-]{1,64}$"}};
    defs["reference"] = {{"type", "string"}, {"pattern", "^([A-Za-z0-9._-]{1,64}|#[0-9]+)$"}};
    defs["text"] = {{"description", "Text keyed by BCP 47 language tag"},
                    {"type", "object"},
                    {"minProperties", 1},
                    {"propertyNames", {{"pattern", "^[A-Za-z0-9-]{2,35}$"}}},
                    {"additionalProperties", {{"type", "string"}, {"minLength", 1}}}};
    defs["date"] = {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}};
    defs["country"] = {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}};
    defs["jurisdiction"] = {{"type", "string"}, {"pattern", "^([A-Z]{2}|EU)$"}};
    defs["unofficial_translations"] = {
        {"description", "For each text field, the languages in which it is an unofficial translation"},
        {"type", "object"},
        {"additionalProperties", {{"type", "array"}, {"items", {{"type", "string"}}}}}};
    defs["official_translations"] = {
        {"description", "For each text field, the languages in which it is an official translation (with the "
                        "source text's authority); the languages not listed here or in unofficial_translations are "
                        "the source text"},
        {"type", "object"},
        {"additionalProperties", {{"type", "array"}, {"items", {{"type", "string"}}}}}};
    json properties;
    properties["format"] = {{"const", "ropa-record"}};
    properties["format_version"] = {{"const", current_format_version}};
    properties["version"] = {
        {"oneOf",
         {{{"type", "null"}},
          {{"type", "object"},
           {"properties",
            {{"change", {{"type", "integer"}}},
             {"recorded_at", {{"type", "string"}}},
             {"hash", {{"type", "string"}, {"pattern", "^[0-9a-f]{64}$"}}},
             {"tags", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
           {"required", {"change", "recorded_at", "hash", "tags"}},
           {"additionalProperties", false}}}}};
    properties["activities_shown"] = {
        {"description", "Present when the export holds approved (active) activities only (export --approved-only)"},
        {"enum", {"approved"}}};
    properties["languages"] = {{"type", "array"}, {"items", {{"type", "string"}}}};
    properties["contains_unofficial_translations"] = {{"type", "boolean"}};
    properties["acknowledgements"] = {
        {"description", "The warnings of ropa check the DPO accepted, with the reason; present when there are any"},
        {"type", "array"},
        {"items",
         {{"type", "object"},
          {"properties",
           {{"finding_code", {{"type", "string"}, {"pattern", "^[a-z0-9-]{1,64}$"}}},
            {"subject", {{"type", "string"}, {"minLength", 1}}},
            {"reason", {{"type", "string"}, {"minLength", 1}}},
            {"acknowledged_by", {{"type", "string"}, {"minLength", 1}}},
            {"acknowledged_at", {{"type", "string"}, {"minLength", 1}}}}},
          {"required", {"finding_code", "subject", "reason", "acknowledged_by", "acknowledged_at"}},
          {"additionalProperties", false}}}};
    json requirable = json::array();
    for (const auto& field : requirable_fields())
        requirable.push_back(field.name);
    properties["settings"] = {
        {"description", "The register's settings (ropa settings): the language texts are stored in when none is "
                        "named, the months from an approval to the next review, and the fields beyond Art. 30 it "
                        "requires of every activity"},
        {"type", "object"},
        {"properties",
         {{"default_language", {{"type", "string"}, {"minLength", 1}}},
          {"review_interval_months", {{"type", "integer"}, {"minimum", 1}, {"maximum", 120}}},
          {"required_fields", {{"type", "array"}, {"items", {{"enum", std::move(requirable)}}}, {"uniqueItems", true}}}}},
        {"required", {"default_language", "review_interval_months", "required_fields"}},
        {"additionalProperties", false}};
    properties["controller"] = {
        {"oneOf",
         {{{"type", "null"}},
          object_schema(entity_info(EntityKind::controller).fields, false, "Controller (Art. 30(1)(a))")}}};
    json required = {"format", "format_version", "version", "languages", "contains_unofficial_translations",
                     "settings", "controller"};
    for (const auto& [kind, key] : json_sections()) {
        const auto& entity = entity_info(kind);
        json item = object_schema(entity.fields, true, entity.label);
        for (const auto& link : links()) {
            if (link.from != kind)
                continue;
            json element = link.fields.empty() ? json{{"$ref", "#/$defs/reference"}}
                                               : object_schema(link.fields, true, link.label);
            if (!link.fields.empty() && !json_link_always_object(link.kind))
                element = {{"oneOf", {json{{"$ref", "#/$defs/reference"}}, element}}};
            item["properties"][json_link_key(link.kind)] = {{"description", link.label}, {"type", "array"}, {"items", element}};
            item["required"].push_back(json_link_key(link.kind));
        }
        if (kind == EntityKind::activity) {
            std::vector<FieldInfo> fields;
            for (const auto& field : entity_info(EntityKind::retention).fields)
                if (field.name != "activity")
                    fields.push_back(field);
            json retention = object_schema(fields, false, entity_info(EntityKind::retention).label);
            item["properties"]["retention"] = {{"type", "array"}, {"items", retention}};
            item["required"].push_back("retention");
        }
        properties[key] = {{"type", "array"}, {"items", item}};
        required.push_back(key);
    }
    schema["properties"] = properties;
    schema["required"] = required;
    schema["additionalProperties"] = false;
    schema["$defs"] = defs;
    return schema.dump(2) + "\n";
}

} // namespace ropa::detail
