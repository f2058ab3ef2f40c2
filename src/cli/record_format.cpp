#include "cli/record_format.hpp"

#include <charconv>

#include "ropa/export.hpp"

namespace ropa::cli {

FieldValue parse_field_value(const FieldInfo& field, const std::string& raw, const TextOptions& text,
                             const std::string& owner) {
    const std::string where = owner + "." + field.name;
    // An empty value was read as "not given": a number typed as '' vanished without a word.
    if (raw.empty())
        throw Error(Errc::validation,
                    where + ": is empty; give a value (edit --clear " + field.name + " empties a field)", where);
    switch (field.type) {
    case FieldType::text: {
        TextStatus status = TextStatus::source;
        if (text.status == "official")
            status = TextStatus::official;
        else if (text.status == "unofficial")
            status = TextStatus::unofficial;
        else if (text.status != "source")
            throw Error(Errc::validation, "--text-status: must be source, official or unofficial", "text-status");
        return LocalizedText{{text.lang, {raw, status}}};
    }
    case FieldType::boolean:
        if (raw == "true" || raw == "yes" || raw == "1")
            return true;
        if (raw == "false" || raw == "no" || raw == "0")
            return false;
        throw Error(Errc::validation, where + ": must be true or false (yes/no, 1/0)", where);
    case FieldType::integer: {
        std::int64_t number = 0;
        auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), number);
        if (error != std::errc() || end != raw.data() + raw.size())
            throw Error(Errc::validation, where + ": must be a whole number", where);
        return number;
    }
    case FieldType::string:
    case FieldType::email:
    case FieldType::date:
    case FieldType::choice:
    case FieldType::country:
    case FieldType::reference:
        return raw;  // checked by the library, which names the field
    case FieldType::references: {
        // Several codes, comma-separated (codes hold no comma) or given one option each.
        Codes codes;
        for (std::size_t start = 0;;) {
            const auto comma = raw.find(',', start);
            codes.push_back(raw.substr(start, comma - start));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        return codes;
    }
    }
    return raw;
}

TextOptions in_register_language(const RegisterView& reg, TextOptions text) {
    if (text.lang.empty())
        text.lang = reg.settings().default_language;
    return text;
}

std::string display_value(const FieldValue& value, std::string_view lang) {
    // A text says which language it is shown in, and whether that is an unofficial
    // translation; every other value as the exports show it (value_text).
    if (const auto* localized = std::get_if<LocalizedText>(&value)) {
        const Translation* chosen = pick(*localized, lang);
        if (!chosen)
            return "";
        for (const auto& [tag, translation] : *localized)
            if (&translation == chosen)
                return translation.value + "  [" + tag +
                       (translation.status == TextStatus::unofficial ? ", unofficial translation]" : "]");
    }
    return value_text(value, lang);
}

nlohmann::ordered_json to_json(const Record& record) { return nlohmann::ordered_json::parse(record_json(record)); }

nlohmann::ordered_json to_json(const Link& link) { return nlohmann::ordered_json::parse(link_json(link)); }

std::string record_name(const Record& record, std::string_view lang) {
    if (record.kind == EntityKind::retention) {  // no name of its own: say what it keeps for how long
        const auto& f = record.fields;
        std::string out = display_value(f.at("activity"), lang);
        const std::string category = display_value(f.at("data_category"), lang);
        const std::string subjects = display_value(f.at("data_subject"), lang);
        out += " / " + (category.empty() ? std::string("all data") : category) +
               (subjects.empty() ? "" : " of " + subjects) + ": ";
        const auto* value = std::get_if<std::int64_t>(&f.at("duration_value"));
        if (value)
            out += std::to_string(*value) + " " + display_value(f.at("duration_unit"), lang) + (*value == 1 ? "" : "s");
        if (const auto* trigger = std::get_if<LocalizedText>(&f.at("trigger")))
            out += " from " + std::string(pick_value(*trigger, lang));
        // criteria beside a duration are part of the limit too: a list must not hide them
        if (const auto* criteria = std::get_if<LocalizedText>(&f.at("criteria")))
            out += (value ? "; " : "") + std::string(pick_value(*criteria, lang));
        return out;
    }
    if (record.kind == EntityKind::transfer) {  // no name either: where to, and under what
        const auto& f = record.fields;
        std::string out = display_value(f.at("country"), lang);
        if (out.empty())
            out = display_value(f.at("international_organisation"), lang);
        const std::string tool = display_value(f.at("transfer_tool"), lang);
        return out + (tool.empty() ? " (no transfer tool yet)" : " under " + tool);
    }
    if (record.kind == EntityKind::legal_source) {  // the act and its provision: two of one act differ
        const auto& f = record.fields;
        const std::string article = display_value(f.at("article"), lang);
        const auto* title = std::get_if<LocalizedText>(&f.at("title"));
        const std::string act = title ? std::string(pick_value(*title, lang)) : std::string();
        return article.empty() ? act : act + " " + article;
    }
    for (const char* name : {"name", "title", "article"}) {
        auto it = record.fields.find(name);
        if (it == record.fields.end())
            continue;
        if (const auto* localized = std::get_if<LocalizedText>(&it->second))
            return std::string(pick_value(*localized, lang));
        if (const auto* text = std::get_if<std::string>(&it->second))
            return *text;
    }
    return "";
}

} // namespace ropa::cli
