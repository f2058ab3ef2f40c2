#include "import/seed_import.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "domain/text_rules.hpp"
#include "import/strict_json.hpp"
#include "history/sha256.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
    throw Error(Errc::validation, "seed: " + path + ": " + what, path);
}

const json& member(const json& object, const std::string& key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end())
        refuse(path + "." + key, "is missing");
    return *it;
}

std::string string_member(const json& object, const std::string& key, const std::string& path,
                          std::size_t max_bytes = max_short_field_bytes) {
    const json& value = member(object, key, path);
    if (!value.is_string())
        refuse(path + "." + key, "must be a string");
    auto text = value.get<std::string>();
    require_text(text, path + "." + key, max_bytes);
    return text;
}

std::optional<std::string> optional_string(const json& object, const std::string& key, const std::string& path) {
    if (!object.contains(key))
        return std::nullopt;
    return string_member(object, key, path);
}

bool bool_member(const json& object, const std::string& key, const std::string& path) {
    const json& value = member(object, key, path);
    if (!value.is_boolean())
        refuse(path + "." + key, "must be true or false");
    return value.get<bool>();
}

int positive_member(const json& object, const std::string& key, const std::string& path) {
    const json& value = member(object, key, path);
    if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 1000000)
        refuse(path + "." + key, "must be a whole number from 1 to 1000000");
    return value.get<int>();
}

const json& array_member(const json& object, const std::string& key, const std::string& path) {
    const json& value = member(object, key, path);
    if (!value.is_array())
        refuse(path + "." + key, "must be an array");
    return value;
}

std::string code_member(const json& object, const std::string& key, const std::string& path) {
    auto code = string_member(object, key, path, max_code_bytes);
    require_code(code, path + "." + key);
    return code;
}

TextStatus status_from(const std::string& stored, const std::string& path) {
    if (stored == "source")
        return TextStatus::source;
    if (stored == "official")
        return TextStatus::official;
    if (stored == "unofficial")
        return TextStatus::unofficial;
    refuse(path, "must be \"source\", \"official\" or \"unofficial\"");
}

// A text object {"nl": "...", "fr": "..."}; statuses come from the seed's "languages" block
// unless `status_override` is given.
LocalizedText text_member(const json& object, const std::string& key, const std::string& path,
                          const std::map<std::string, TextStatus>& statuses, std::size_t max_bytes,
                          std::optional<TextStatus> status_override = std::nullopt) {
    const json& value = member(object, key, path);
    const std::string where = path + "." + key;
    if (!value.is_object() || value.empty())
        refuse(where, "must be an object of texts keyed by language, such as {\"nl\": \"...\"}");
    LocalizedText text;
    for (const auto& [lang, translation] : value.items()) {
        require_language_tag(lang, where + "." + lang);
        if (!translation.is_string())
            refuse(where + "." + lang, "must be a string");
        TextStatus status;
        if (status_override) {
            status = *status_override;
        } else {
            auto declared = statuses.find(lang);
            if (declared == statuses.end())
                refuse(where + "." + lang, "language is not declared in the seed's \"languages\"");
            status = declared->second;
        }
        text[lang] = Translation{translation.get<std::string>(), status};
    }
    require_localized_text(text, where, max_bytes, true);
    return text;
}

template <class Record>
void require_unique(std::set<std::string>& seen, const Record& record, const std::string& path) {
    if (!seen.insert(record.code).second)
        refuse(path + ".code", "\"" + record.code + "\" appears twice");
}

} // namespace

SeedData parse_seed(std::string_view name, std::string_view json_text) {
    json root = parse_json_strictly(json_text, "$");
    if (!root.is_object())
        refuse("$", "must be a JSON object");

    SeedData seed;
    seed.name = std::string(name);
    seed.sha256 = sha256_hex(json_text);
    if (string_member(root, "seed", "$") != seed.name)
        refuse("$.seed", "does not match the seed's name \"" + seed.name + "\"");
    const json& format = member(root, "seed_format", "$");
    if (!format.is_number_integer() || format.get<int>() != 1)
        refuse("$.seed_format", "must be 1");
    seed.title = string_member(root, "title", "$", max_name_bytes);

    std::map<std::string, TextStatus> statuses;
    const json& languages = member(root, "languages", "$");
    if (!languages.is_object() || languages.empty())
        refuse("$.languages", "must map each language tag to its status");
    for (const auto& [lang, status] : languages.items()) {
        require_language_tag(lang, "$.languages." + lang);
        if (!status.is_string())
            refuse("$.languages." + lang, "must be a string");
        statuses[lang] = status_from(status.get<std::string>(), "$.languages." + lang);
    }

    const json& controller = member(root, "controller", "$");
    if (!controller.is_object())
        refuse("$.controller", "must be an object");
    const auto name_status = status_from(string_member(controller, "name_status", "$.controller"),
                                         "$.controller.name_status");
    seed.controller.name = text_member(controller, "name", "$.controller", statuses, max_name_bytes, name_status);
    seed.controller.address = optional_string(controller, "address", "$.controller");
    seed.controller.is_public_authority = bool_member(controller, "is_public_authority", "$.controller");

    std::set<std::string> source_codes, category_codes, group_codes, purpose_codes;
    const json& sources = array_member(root, "legal_sources", "$");
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string path = "$.legal_sources[" + std::to_string(i) + "]";
        LegalSource source;
        source.code = code_member(sources[i], "code", path);
        source.title = text_member(sources[i], "title", path, statuses, max_name_bytes);
        source.reference = optional_string(sources[i], "reference", path);
        source.jurisdiction = string_member(sources[i], "jurisdiction", path);
        require_country_code(source.jurisdiction, path + ".jurisdiction", true);
        require_unique(source_codes, source, path);
        seed.legal_sources.push_back(std::move(source));
    }

    const json& categories = array_member(root, "data_categories", "$");
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::string path = "$.data_categories[" + std::to_string(i) + "]";
        DataCategory category;
        category.code = code_member(categories[i], "code", path);
        category.name = text_member(categories[i], "name", path, statuses, max_name_bytes);
        category.is_special = bool_member(categories[i], "is_special", path);
        category.is_criminal = bool_member(categories[i], "is_criminal", path);
        category.display_order = positive_member(categories[i], "annex_column", path);
        require_unique(category_codes, category, path);
        seed.data_categories.push_back(std::move(category));
    }

    const json& groups = array_member(root, "purpose_groups", "$");
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const std::string path = "$.purpose_groups[" + std::to_string(i) + "]";
        SeedGroup group;
        group.group.code = code_member(groups[i], "code", path);
        group.group.name = text_member(groups[i], "name", path, statuses, max_name_bytes);
        group.group.provenance = optional_string(groups[i], "provenance", path);
        const json& bases = array_member(groups[i], "legal_bases", path);
        for (std::size_t k = 0; k < bases.size(); ++k) {
            const std::string where = path + ".legal_bases[" + std::to_string(k) + "]";
            if (!bases[k].is_string())
                refuse(where, "must be a legal basis code such as \"art6-1-e\"");
            require_code(bases[k].get<std::string>(), where);
            group.legal_basis_codes.push_back(bases[k].get<std::string>());
        }
        require_unique(group_codes, group.group, path);
        seed.groups.push_back(std::move(group));
    }

    const json& purposes = array_member(root, "purposes", "$");
    for (std::size_t i = 0; i < purposes.size(); ++i) {
        const json& entry = purposes[i];
        const std::string path = "$.purposes[" + std::to_string(i) + "]";
        Purpose purpose;
        purpose.code = code_member(entry, "code", path);
        purpose.name = text_member(entry, "name", path, statuses, max_name_bytes);
        require_unique(purpose_codes, purpose, path);
        const int row = positive_member(entry, "annex_row", path);
        const int line = positive_member(entry, "source_line", path);
        purpose.display_order = row;
        purpose.provenance = "annex row " + std::to_string(row) + ", line " + std::to_string(line) +
                             " of the text extraction";
        if (entry.contains("group")) {
            purpose.group_code = code_member(entry, "group", path);
            if (!group_codes.count(*purpose.group_code))
                refuse(path + ".group", "names no group of the seed: \"" + *purpose.group_code + "\"");
            for (const auto& group : seed.groups)
                if (group.group.code == *purpose.group_code)
                    for (const auto& basis : group.legal_basis_codes)
                        seed.basis_links.push_back({purpose.code, basis, {},
                                                    "annex: group label \"" +
                                                        std::string(pick_value(group.group.name, "nl")) + "\""});
        }
        const json& links = array_member(entry, "data_categories", path);
        std::set<std::string> linked;
        for (std::size_t k = 0; k < links.size(); ++k) {
            const std::string where = path + ".data_categories[" + std::to_string(k) + "]";
            PurposeCategoryLink link;
            link.purpose_code = purpose.code;
            link.data_category_code = code_member(links[k], "category", where);
            if (!category_codes.count(link.data_category_code))
                refuse(where + ".category", "names no data category of the seed: \"" + link.data_category_code + "\"");
            if (!linked.insert(link.data_category_code).second)
                refuse(where + ".category", "\"" + link.data_category_code + "\" is linked twice");
            if (links[k].contains("note"))
                link.note = text_member(links[k], "note", where, statuses, max_description_bytes);
            link.provenance = "annex: ticked cell";
            seed.category_links.push_back(std::move(link));
        }
        if (entry.contains("legal_sources")) {
            const json& named = array_member(entry, "legal_sources", path);
            for (std::size_t k = 0; k < named.size(); ++k) {
                const std::string where = path + ".legal_sources[" + std::to_string(k) + "]";
                if (!named[k].is_string() || !source_codes.count(named[k].get<std::string>()))
                    refuse(where, "must name a legal source of the seed");
                seed.source_links.push_back({purpose.code, named[k].get<std::string>(), "named in the purpose's text"});
            }
        }
        seed.purposes.push_back(std::move(purpose));
    }
    return seed;
}

} // namespace ropa::detail
