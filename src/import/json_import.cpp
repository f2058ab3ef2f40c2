#include "import/json_import.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/field_validation.hpp"
#include "domain/text_rules.hpp"
#include "import/json_layout.hpp"
#include "import/record_members.hpp"
#include "import/strict_json.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

using json = nlohmann::json;

// Fields of one object, described by `described`; `skip` are keys handled by the caller.
// `format_version` 1 named a basis's one legal source "legal_source"; it reads as a list of one.
Fields read_fields(const json& object, const std::vector<FieldInfo>& described, const std::string& path,
                   const std::set<std::string>& skip, int format_version = current_format_version) {
    if (!object.is_object())
        refuse_json(path, "must be an object");
    // field -> language -> status, for the translations the record notes
    std::map<std::string, std::map<std::string, TextStatus>> statuses;
    for (const auto& [key, status] : {std::pair{"unofficial_translations", TextStatus::unofficial},
                                      std::pair{"official_translations", TextStatus::official}}) {
        auto it = object.find(key);
        if (it == object.end())
            continue;
        const std::string where = path + "." + key;
        if (!it->is_object())
            refuse_json(where, "must map field names to lists of languages");
        for (const auto& [field, langs] : it->items()) {
            if (!langs.is_array())
                refuse_json(where + "." + field, "must be a list of language tags");
            for (const auto& lang : langs) {
                if (!lang.is_string())
                    refuse_json(where + "." + field, "must be a list of language tags");
                if (!statuses[field].emplace(lang.get<std::string>(), status).second)
                    refuse_json(where + "." + field, "lists " + lang.get<std::string>() +
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
                        refuse_json(where, "and " + candidate.name + " are given both; give " + candidate.name + " only");
                    fields[candidate.name] = Codes{value.get<std::string>()};
                    field = &candidate;
                }
        if (field && field->name != key)
            continue;
        if (!field)
            refuse_json(where, "is not a field of this record");
        switch (field->type) {
        case FieldType::text: {
            if (!value.is_object())
                refuse_json(where, "must be an object of texts keyed by language, such as {\"en\": \"...\"}");
            LocalizedText text;
            for (const auto& [lang, translation] : value.items()) {
                if (!translation.is_string())
                    refuse_json(where + "." + lang, "must be a string");
                const auto noted = statuses[key].find(lang);
                text[lang] = {translation.get<std::string>(),
                              noted == statuses[key].end() ? TextStatus::source : noted->second};
            }
            fields[key] = std::move(text);
            break;
        }
        case FieldType::boolean:
            if (!value.is_boolean())
                refuse_json(where, "must be true or false");
            fields[key] = value.get<bool>();
            break;
        case FieldType::integer:
            if (!value.is_number_integer())
                refuse_json(where, "must be a whole number");
            fields[key] = value.get<std::int64_t>();
            break;
        case FieldType::string:
        case FieldType::email:
        case FieldType::date:
        case FieldType::choice:
        case FieldType::country:
        case FieldType::reference:
            if (!value.is_string())
                refuse_json(where, "must be a string");
            fields[key] = value.get<std::string>();
            break;
        case FieldType::references: {
            if (!value.is_array())
                refuse_json(where, "must be a list of codes");
            Codes codes;
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string())
                    refuse_json(where + "[" + std::to_string(i) + "]", "must be a string (a code)");
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
        refuse_json(path + "." + field, message);
    }
}

std::string code_of(const json& object, const std::string& path) {
    auto it = object.find("code");
    if (it == object.end() || !it->is_string())
        refuse_json(path + ".code", "is required (a string)");
    const auto code = it->get<std::string>();
    try {
        require_code(code, "code");
    } catch (const Error& e) {
        refuse_json(path + ".code", std::string(e.what()).substr(6));
    }
    return code;
}

// One record of section `kind` at `path`, with the links that start from it and, for an
// activity, its retention rows, appended to `data`. `codes`: the codes seen in the section.
void read_item(EntityKind kind, const json& object, const std::string& path, int format_version,
               std::set<std::string>* codes, ImportData& data) {
    const auto& entity = entity_info(kind);
    if (!object.is_object())
        refuse_json(path, "must be an object");
    const auto code = code_of(object, path);
    if (codes && !codes->insert(code).second)
        refuse_json(path + ".code", "\"" + code + "\" appears twice");
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
            refuse_json(where, "must be an array");
        for (std::size_t k = 0; k < list->size(); ++k) {
            const auto& item = (*list)[k];
            const std::string item_path = where + "[" + std::to_string(k) + "]";
            Link imported{link->kind, code, "", {}};
            // A link with fields may be its bare code when none is set (json_link_always_object).
            if (link->fields.empty() || item.is_string()) {
                if (!item.is_string())
                    refuse_json(item_path, "must be a code");
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
            refuse_json(path + ".retention", "must be an array");
        const auto& described = entity_info(EntityKind::retention).fields;
        for (std::size_t k = 0; k < rows->size(); ++k) {
            const std::string row_path = path + ".retention[" + std::to_string(k) + "]";
            auto row = read_fields((*rows)[k], described, row_path, {});
            if (row.count("activity"))
                refuse_json(row_path + ".activity", "is implied by the activity the row belongs to");
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

namespace {

/// The parser callback of read_record_json: the root's keys checked as they come, each record
/// of a section read, handed on and dropped as soon as it completes (depth 2), the controller
/// likewise (depth 1).
class RecordReader {
public:
    explicit RecordReader(RecordSink& sink) : sink_(sink) {
        for (const auto& [kind, key] : json_sections())
            sections_.emplace(key, kind);
    }

    bool operator()(int depth, json::parse_event_t event, json& parsed) {
        using E = json::parse_event_t;
        if (depth == 0) {
            if (event == E::value || event == E::array_start)
                refuse_json("$", "must be a JSON object (a ropa-record export)");
            return true;
        }
        if (depth == 1)
            return top_level(event, parsed);
        if (depth == 2 && section_) {
            if (event == E::value || event == E::array_start)
                refuse_json(item_path(), "must be an object");
            if (event == E::object_end) {
                item(*section_, std::move(parsed), item_path());
                ++index_;
                return false;  // not kept: the next record reuses the memory
            }
        }
        return true;
    }

    /// What can only be checked once the whole file is read.
    void finish() {
        if (!format_)
            refuse_json("$.format", "must be \"ropa-record\"");
        if (!version_)
            refuse_version();
        flush();
        for (const auto& [kind, key] : json_sections())
            if (!seen_.count(key))
                refuse_json(std::string("$.") + key, "is missing");
        // the settings came with version 4: there, always; before it, never
        const int version = version_ && version_->is_number_integer() ? version_->get<int>() : current_format_version;
        if (version >= 4 && !seen_.count("settings"))
            refuse_json("$.settings", "is missing (format version 4 carries the register's settings)");
        if (version < 4 && seen_.count("settings"))
            refuse_json("$.settings", "is not part of format version " + std::to_string(version) + " (it came with version 4)");
    }

private:
    bool top_level(json::parse_event_t event, json& parsed) {
        using E = json::parse_event_t;
        switch (event) {
        case E::key: {
            key_ = parsed.get<std::string>();
            static const std::set<std::string> known{"format", "format_version", "version", "activities_shown",
                                                     "languages", "contains_unofficial_translations", "controller",
                                                     "acknowledgements", "settings", "seed"};
            const auto section = sections_.find(key_);
            if (section == sections_.end() && !known.count(key_))
                refuse_json("$." + key_, "is not part of a ropa-record");
            section_ = section == sections_.end() ? std::nullopt : std::optional(section->second);
            index_ = 0;
            seen_.insert(key_);
            return true;
        }
        case E::value:
            if (section_)
                refuse_json("$." + key_, "must be an array");
            if (key_ == "format") {
                format_ = parsed;
                check_format();
            } else if (key_ == "format_version") {
                version_ = parsed;
                check_format();
                flush();
            } else if (key_ == "controller" && !parsed.is_null()) {
                refuse_json("$.controller", "must be an object");
            } else if (key_ == "acknowledgements") {
                refuse_json("$." + key_, "must be an array");
            } else if (key_ == "seed" || key_ == "settings") {
                refuse_json("$." + key_, "must be an object");
            }
            return true;
        case E::object_start:
            if (section_ || key_ == "acknowledgements")
                refuse_json("$." + key_, "must be an array");
            return true;
        case E::object_end:
            if (key_ == "controller") {
                waiting_.push_back({std::nullopt, std::move(parsed), "$.controller"});
                flush();
                return false;
            }
            if (key_ == "seed") {  // what a seed file says of itself: checked, not loaded
                seed_header_of(parsed);
                return false;
            }
            if (key_ == "settings") {
                sink_.settings(settings_from(parsed));
                return false;
            }
            return true;
        case E::array_start:
            if (key_ == "controller" || key_ == "seed" || key_ == "settings")
                refuse_json("$." + key_, "must be an object");
            return true;
        case E::array_end:
            if (key_ == "acknowledgements") {  // small: read whole, handed on, not kept
                sink_.acknowledgements(acknowledgements_from(parsed));
                return false;
            }

            return !section_;  // a section's array is empty by now: not kept either
        }
        return true;
    }

    std::string item_path() const { return "$." + key_ + "[" + std::to_string(index_) + "]"; }

    // Refuses a format or a version given wrong, as soon as it is read.
    void check_format() const {
        if (format_ && *format_ != "ropa-record")
            refuse_json("$.format", "must be \"ropa-record\"");
        if (version_ && (!version_->is_number_integer() || version_->get<int>() < 1 ||
                         version_->get<int>() > current_format_version))
            refuse_version();
    }

    [[noreturn]] static void refuse_version() {
        refuse_json("$.format_version", "must be 1 to " + std::to_string(current_format_version) +
                                       " (this ropa reads format versions 1 to " +
                                       std::to_string(current_format_version) + ")");
    }

    bool ready() const { return format_ && version_; }

    void item(EntityKind kind, json object, std::string path) {
        waiting_.push_back({kind, std::move(object), std::move(path)});
        flush();
    }

    // Hands on what has waited for the format version, in the file's order.
    void flush() {
        if (!ready())
            return;
        const int format_version = version_->get<int>();
        for (auto& [kind, object, path] : waiting_) {
            if (!kind) {
                const auto& described = entity_info(EntityKind::controller).fields;
                auto fields = read_fields(object, described, path, {});
                validate(described, "controller", fields, path, true);
                sink_.controller(ImportedRecord{EntityKind::controller, std::nullopt, std::move(fields), path});
                continue;
            }
            ImportData piece;
            read_item(*kind, object, path, format_version, &codes_[*kind], piece);
            sink_.record(std::move(piece));
        }
        waiting_.clear();
    }

    struct Waiting {
        std::optional<EntityKind> kind;  ///< none: the controller
        json object;
        std::string path;
    };

    RecordSink& sink_;
    std::map<std::string, EntityKind> sections_;
    std::string key_;                      ///< the root's key being read
    std::optional<EntityKind> section_;    ///< its section, when it is one
    std::size_t index_ = 0;                ///< the record's place in its section
    std::set<std::string> seen_;           ///< the root's keys read so far
    std::optional<json> format_, version_;
    std::vector<Waiting> waiting_;         ///< read before the format version was known
    std::map<EntityKind, std::set<std::string>> codes_;  ///< each section's codes, for duplicates
};

} // namespace

void read_record_json(std::istream& in, RecordSink& sink) {
    RecordReader reader(sink);
    parse_json_stream_strictly(in, "$", std::ref(reader));
    reader.finish();
}

void read_record_json(std::string_view text, RecordSink& sink) {
    RecordReader reader(sink);
    parse_json_stream_strictly(text, "$", std::ref(reader));
    reader.finish();
}

ImportData parse_activity_document(std::string_view text) {
    const json object = parse_json_strictly(text, "$");
    if (!object.is_object())
        refuse_json("$", "must be a JSON object: one activity as the JSON export writes it");
    ImportData data;
    read_item(EntityKind::activity, object, "$", current_format_version, nullptr, data);
    return data;
}

SeedHeader read_seed_header(std::string_view json_text) {
    const auto document = parse_json_strictly(json_text, "$");
    if (!document.is_object() || !document.contains("seed"))
        refuse_json("$.seed", "is missing: a seed file names itself ({\"name\", \"title\"})");
    return seed_header_of(document.at("seed"));
}

} // namespace ropa::detail
