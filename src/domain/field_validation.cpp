#include "domain/field_validation.hpp"

#include <cstdio>

#include <ctime>

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
    case FieldType::email: return "an e-mail address";
    case FieldType::reference: return "a code";
    case FieldType::references: return "a list of codes";
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
    case FieldType::references: {
        const auto* codes = std::get_if<Codes>(&value);
        if (!codes)
            refuse(where, "must be a list of codes");
        for (std::size_t i = 0; i < codes->size(); ++i) {
            require_code((*codes)[i], where + "[" + std::to_string(i) + "]");
            if (std::find(codes->begin(), codes->begin() + static_cast<std::ptrdiff_t>(i), (*codes)[i]) !=
                codes->begin() + static_cast<std::ptrdiff_t>(i))
                refuse(where, "names " + (*codes)[i] + " twice");
        }
        return;
    }
    case FieldType::string:
    case FieldType::email:
    case FieldType::date:
    case FieldType::choice:
    case FieldType::country:
    case FieldType::reference:
        break;  // text values, checked below
    }
    const auto* text = std::get_if<std::string>(&value);
    if (!text)
        refuse(where, std::string("must be ") + std::string(type_name(field.type)));
    switch (field.type) {
    case FieldType::string:
        require_text(*text, where, field.max_bytes);
        return;
    case FieldType::email:
        require_text(*text, where, field.max_bytes);
        if (!is_email_address(*text))
            refuse(where, "\"" + *text + "\" is not an e-mail address (name@example.org)");
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
        require_country_code(*text, where, field.allow_eu, field.outside_eea);
        return;
    case FieldType::reference:
        if (!(text->size() > 1 && (*text)[0] == '#'))
            require_code(*text, where);
        return;
    case FieldType::text:
    case FieldType::boolean:
    case FieldType::integer:
    case FieldType::references:
        return;  // checked above
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

std::optional<std::string> utc_instant(std::string_view text, bool end_of_day) {
    if (text.size() < 10 || !is_iso_date(text.substr(0, 10)))
        return std::nullopt;
    const std::string date(text.substr(0, 10));
    if (text.size() == 10)
        return date + (end_of_day ? "T23:59:59.999Z" : "T00:00:00.000Z");
    auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > text.size())
            return std::nullopt;
        int value = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ')
        return std::nullopt;
    const auto hour = digits(11, 2), minute = digits(14, 2);
    if (!hour || !minute || text.size() < 16 || text[13] != ':' || *hour > 23 || *minute > 59)
        return std::nullopt;
    std::size_t at = 16;
    int second = 0, millisecond = 0;
    if (at < text.size() && text[at] == ':') {
        const auto s = digits(at + 1, 2);
        if (!s || *s > 59)
            return std::nullopt;
        second = *s;
        at += 3;
        if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
            std::size_t end = at + 1;
            while (end < text.size() && text[end] >= '0' && text[end] <= '9')
                ++end;
            if (end == at + 1)
                return std::nullopt;
            std::string fraction(text.substr(at + 1, end - at - 1));
            fraction = (fraction + "000").substr(0, 3);  // to milliseconds, truncating
            millisecond = std::stoi(fraction);
            at = end;
        }
    }
    int offset_minutes = 0;
    const std::string_view zone = text.substr(at);
    if (zone == "Z" || zone == "z" || zone.empty()) {
        // UTC
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        const auto h = digits(at + 1, 2), m = digits(at + 4, 2);
        if (!h || !m || *h > 23 || *m > 59)
            return std::nullopt;
        offset_minutes = (zone[0] == '+' ? 1 : -1) * (*h * 60 + *m);
    } else {
        return std::nullopt;
    }
    std::tm parts{};
    parts.tm_year = std::stoi(date.substr(0, 4)) - 1900;
    parts.tm_mon = std::stoi(date.substr(5, 2)) - 1;
    parts.tm_mday = std::stoi(date.substr(8, 2));
    parts.tm_hour = *hour;
    parts.tm_min = *minute;
    parts.tm_sec = second;
    const std::time_t utc = timegm(&parts) - static_cast<std::time_t>(offset_minutes) * 60;
    std::tm out{};
    if (!gmtime_r(&utc, &out))
        return std::nullopt;
    char buffer[96];  // room for any int, which the compiler cannot rule out
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", out.tm_year + 1900, out.tm_mon + 1,
                  out.tm_mday, out.tm_hour, out.tm_min, out.tm_sec, millisecond);
    return std::string(buffer);
}

bool is_email_address(std::string_view text) noexcept {
    const auto at = text.find('@');
    if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
        return false;
    for (unsigned char c : text)
        if (c <= ' ' || c == 0x7F)
            return false;
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.find('.', 1);
    return dot != std::string_view::npos && dot + 1 < domain.size();
}

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

namespace {

const std::string* string_field(const Fields& fields, std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : std::get_if<std::string>(&it->second);
}

bool is_set(const Fields& fields, std::string_view name) {
    auto it = fields.find(name);
    return it != fields.end() && !std::holds_alternative<std::monostate>(it->second);
}

[[noreturn]] void refuse_invariant(const std::string& field, const std::string& what) {
    throw Error(Errc::validation, field + ": " + what, field);
}

} // namespace

void validate_link_invariants(const Link& link) {
    // The interest pursued is what Art. 6(1)(f) weighs; on another basis it would tell the
    // reader of the record that the activity relies on legitimate interests when it does not.
    if (link.kind == LinkKind::activity_legal_basis && link.to != "art6-1-f")
        for (const char* field : {"legitimate_interest", "assessment_reference"})
            if (is_set(link.fields, field))
                refuse_invariant(std::string("activity-basis.") + field,
                                 "applies to Art. 6(1)(f) (legitimate interests) only, not to " + link.to);
}

// Invariants across fields, on the record as it will be after the write, with messages a DPO
// understands (the schema's CHECK constraints repeat them as a last line of defence).
void validate_invariants(EntityKind kind, const Fields& merged) {
    switch (kind) {
    case EntityKind::activity: {
        const auto* start = string_field(merged, "start_date");
        const auto* end = string_field(merged, "end_date");
        if (start && end && *end < *start)
            refuse_invariant("activity.end_date", "the end date " + *end + " is before the start date " + *start);
        const auto* role = string_field(merged, "role");
        const bool processor = role && *role == "processor";
        if (processor && !is_set(merged, "on_behalf_of_party"))
            refuse_invariant("activity.on_behalf_of_party",
                   "an activity done as processor must name the controller it acts for (Art. 30(2)(a))");
        if (!processor && is_set(merged, "on_behalf_of_party"))
            refuse_invariant("activity.on_behalf_of_party", "only an activity with role processor acts on behalf of a controller");
        return;
    }
    case EntityKind::retention:
        if (is_set(merged, "duration_value") != is_set(merged, "duration_unit"))
            refuse_invariant("retention.duration_unit", "a duration needs both a value and a unit (day, month, year)");
        if (!is_set(merged, "duration_value") && !is_set(merged, "criteria"))
            refuse_invariant("retention.duration_value", "give a duration, or the criteria used to determine it (Art. 30(1)(f))");
        return;
    case EntityKind::transfer:
        if (!is_set(merged, "country") && !is_set(merged, "international_organisation"))
            refuse_invariant("transfer.country", "name the third country or the international organisation (Art. 30(1)(e))");
        return;
    case EntityKind::recipient: {
        const auto* recipient_kind = string_field(merged, "kind");
        if (is_set(merged, "processor") && !(recipient_kind && *recipient_kind == "processor"))
            refuse_invariant("recipient.processor", "only a recipient of kind processor names a processor");
        return;
    }
    case EntityKind::controller:
    case EntityKind::party:
    case EntityKind::processor:
    case EntityKind::legal_basis:
    case EntityKind::transfer_tool:
    case EntityKind::legal_source:
    case EntityKind::purpose_group:
    case EntityKind::purpose:
    case EntityKind::data_category:
    case EntityKind::data_subject:
    case EntityKind::measure_type:
    case EntityKind::security_measure:
        return;  // no invariant across their fields
    }
}

} // namespace ropa::detail
