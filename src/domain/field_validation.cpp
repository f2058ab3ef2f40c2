#include "domain/field_validation.hpp"

#include <algorithm>

#include "domain/text_rules.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& what) {
    throw Error(Errc::validation, field + ": " + what, field);
}

std::string_view type_name(FieldType type) {
    switch (type) {
    case FieldType::text: return "text";
    case FieldType::string: return "text";
    case FieldType::boolean: return "true or false";
    case FieldType::integer: return "a whole number";
    case FieldType::date: return "a date (YYYY-MM-DD)";
    case FieldType::choice: return "one of the listed values";
    case FieldType::country: return "a country code";
    case FieldType::reference: return "a code";
    }
    return "a value";
}

void validate_value(const FieldInfo& field, const FieldValue& value, const std::string& where) {
    if (std::holds_alternative<std::monostate>(value)) {
        if (field.required)
            refuse(where, "is required and cannot be cleared");
        return;
    }
    switch (field.type) {
    case FieldType::text: {
        const auto* text = std::get_if<LocalizedText>(&value);
        if (!text)
            refuse(where, "must be translatable text");
        require_localized_text(*text, where, field.max_bytes, field.required);
        return;
    }
    case FieldType::boolean:
        if (!std::holds_alternative<bool>(value))
            refuse(where, "must be true or false");
        return;
    case FieldType::integer: {
        const auto* number = std::get_if<std::int64_t>(&value);
        if (!number || *number < 1 || *number > 1'000'000'000)
            refuse(where, "must be a whole number from 1 to 1000000000");
        return;
    }
    default:
        break;
    }
    const auto* text = std::get_if<std::string>(&value);
    if (!text)
        refuse(where, std::string("must be ") + std::string(type_name(field.type)));
    switch (field.type) {
    case FieldType::string:
        require_text(*text, where, field.max_bytes);
        return;
    case FieldType::date:
        if (!is_iso_date(*text))
            refuse(where, "\"" + (is_valid_utf8(*text) ? *text : std::string("?")) +
                              "\" is not a valid date; write YYYY-MM-DD (ISO 8601)");
        return;
    case FieldType::choice:
        if (std::find(field.choices.begin(), field.choices.end(), *text) == field.choices.end()) {
            std::string allowed;
            for (const auto& choice : field.choices)
                allowed += (allowed.empty() ? "" : ", ") + choice;
            refuse(where, "must be one of: " + allowed);
        }
        return;
    case FieldType::country:
        require_country_code(*text, where, field.allow_eu);
        return;
    case FieldType::reference:
        if (!(text->size() > 1 && (*text)[0] == '#'))
            require_code(*text, where);
        return;
    default:
        return;
    }
}

void validate_against(const std::vector<FieldInfo>& described, const std::string& owner, const Fields& fields,
                      bool creating) {
    for (const auto& [field_name, value] : fields) {
        const std::string& name = field_name;  // a plain reference: lambdas cannot capture bindings in clang 14
        auto field = std::find_if(described.begin(), described.end(), [&](const auto& f) { return f.name == name; });
        if (field == described.end())
            refuse(owner + "." + name, "is not a field of " + owner);
        validate_value(*field, value, owner + "." + name);
    }
    if (creating)
        for (const auto& field : described)
            if (field.required && !fields.count(field.name))
                refuse(owner + "." + field.name, "is required");
}

} // namespace

bool is_iso_date(std::string_view text) noexcept {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9')
            return false;
    const int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

void validate_fields(const EntityInfo& entity, const Fields& fields, bool creating) {
    validate_against(entity.fields, entity.name, fields, creating);
}

void validate_link_fields(const LinkInfo& link, const Fields& fields) {
    validate_against(link.fields, link.name, fields, false);
}

} // namespace ropa::detail
