// The top-level members of a ropa-record file beside its sections, each small and read whole:
// a seed's header, the warnings the DPO accepted, the register's settings (record_members.hpp).

#include "import/record_members.hpp"

#include <algorithm>

#include "domain/field_validation.hpp"
#include "domain/text_rules.hpp"
#include "import/strict_json.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

// A seed file's "seed" member: {"name": a code, "title": the source document's title}.
SeedHeader seed_header_of(const nlohmann::json& object) {
    if (!object.is_object())
        refuse_json("$.seed", "must be an object");
    for (const auto& [key, value] : object.items())
        if (key != "name" && key != "title")
            refuse_json("$.seed." + key, "is not part of a seed's header (name, title)");
    SeedHeader header;
    for (auto [key, target] : {std::pair{"name", &header.name}, std::pair{"title", &header.title}}) {
        auto it = object.find(key);
        if (it == object.end() || !it->is_string())
            refuse_json(std::string("$.seed.") + key, "is required (a string)");
        *target = it->get<std::string>();
    }
    require_code(header.name, "$.seed.name");
    require_text(header.title, "$.seed.title", max_description_bytes);
    return header;
}

// The register's settings (format version 4), each of the right type; their values are
// the library's to check (a language tag, the interval's range, the fields' names).
Settings settings_from(const nlohmann::json& given) {
    Settings settings;
    for (const auto& [key, value] : given.items()) {
        const auto path = "$.settings." + key;
        if (key == "default_language") {
            if (!value.is_string())
                refuse_json(path, "must be a language tag (a string)");
            settings.default_language = value.get<std::string>();
        } else if (key == "review_interval_months") {
            if (!value.is_number_integer())
                refuse_json(path, "must be a whole number of months");
            settings.review_interval_months = value.get<int>();
        } else if (key == "required_fields") {
            if (!value.is_array())
                refuse_json(path, "must be an array of field names");
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string())
                    refuse_json(path + "[" + std::to_string(i) + "]", "must be a field's name (a string)");
                settings.required_fields.push_back(value[i].get<std::string>());
            }
        } else {
            refuse_json(path, "is not a setting of a register");
        }
    }
    for (const char* key : {"default_language", "review_interval_months", "required_fields"})
        if (!given.contains(key))
            refuse_json(std::string("$.settings.") + key, "is missing");
    return settings;
}

// The warnings the file's DPO accepted: each with its code, subject, reason, author and time.
std::vector<Acknowledgement> acknowledgements_from(const nlohmann::json& list) {
    std::vector<Acknowledgement> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = "$.acknowledgements[" + std::to_string(i) + "]";
        const auto& item = list[i];
        if (!item.is_object())
            refuse_json(path, "must be an object");
        static const std::vector<std::string> keys{"finding_code", "subject", "reason", "acknowledged_by",
                                                   "acknowledged_at"};
        for (const auto& [key, value] : item.items())
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                refuse_json(path + "." + key, "is not part of an acknowledgement");
        std::vector<std::string> values;
        for (const auto& key : keys) {
            auto it = item.find(key);
            if (it == item.end() || !it->is_string() || it->get<std::string>().empty())
                refuse_json(path + "." + key, "is required (a non-empty string)");
            values.push_back(it->get<std::string>());
        }
        if (values[0].size() > 64 || values[0].find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                                         std::string::npos)
            refuse_json(path + ".finding_code", "is a finding's code: lower-case letters, digits and -");
        if (values[1].size() > 200)
            refuse_json(path + ".subject", "is longer than 200 bytes");
        out.push_back({values[0], values[1], values[2], values[3], values[4]});
    }
    return out;
}

} // namespace ropa::detail
