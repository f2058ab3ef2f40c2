#include "domain/text_rules.hpp"

#include <string>

#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

[[noreturn]] void refuse(std::string_view field, const std::string& what) {
    throw Error(Errc::validation, std::string(field) + ": " + what, std::string(field));
}

bool is_code_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

} // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        std::size_t extra = 0;
        char32_t code_point = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
            code_point = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
            code_point = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
            code_point = lead & 0x07;
        } else {
            return false;  // continuation byte as lead, overlong 2-byte lead, or beyond U+10FFFF
        }
        if (i + extra >= bytes.size())
            return false;  // truncated sequence
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(bytes[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            code_point = (code_point << 6) | (next & 0x3F);
        }
        if ((extra == 2 && code_point < 0x800) || (extra == 3 && code_point < 0x10000) || code_point > 0x10FFFF ||
            (code_point >= 0xD800 && code_point <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::size_t utf8_length(std::string_view bytes) noexcept {
    std::size_t count = 0;
    for (char c : bytes)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    return count;
}

void require_text(std::string_view value, std::string_view field, std::size_t max_bytes) {
    if (value.empty())
        refuse(field, "must not be empty");
    if (value.find_first_not_of(" \t\n") == std::string_view::npos)
        refuse(field, "is blank (only spaces); give a value or leave the field out");
    if (value.size() > max_bytes)
        refuse(field, "is " + std::to_string(value.size()) + " bytes long; the limit is " + std::to_string(max_bytes));
    if (!is_valid_utf8(value))
        refuse(field, "is not valid UTF-8");
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0)
            refuse(field, "contains a NUL character");
        if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F)
            refuse(field, "contains a control character");
    }
}

void require_code(std::string_view code, std::string_view field) {
    if (code.empty() || code.size() > max_code_bytes)
        refuse(field, "a code must have 1 to " + std::to_string(max_code_bytes) + " characters");
    for (char c : code)
        if (!is_code_char(c))
            refuse(field, "a code may contain only letters A-Z a-z, digits and . _ - (got \"" +
                              std::string(is_valid_utf8(code) ? code : "<invalid UTF-8>") + "\")");
}

void require_language_tag(std::string_view tag, std::string_view field) {
    bool ok = tag.size() >= 2 && tag.size() <= 35;
    for (char c : tag)
        ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    if (!ok)
        refuse(field, "is not a language tag such as \"nl\", \"fr\" or \"en\"");
}

void require_localized_text(const LocalizedText& text, std::string_view field, std::size_t max_bytes,
                            bool required) {
    if (required && text.empty())
        refuse(field, "needs at least one language");
    for (const auto& [lang, translation] : text) {
        const std::string where = std::string(field) + "." + lang;
        require_language_tag(lang, where);
        require_text(translation.value, where, max_bytes);
    }
}

void require_country_code(std::string_view code, std::string_view field, bool allow_eu) {
    const bool alpha2 = code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
    if (!alpha2 || (code == "EU" && !allow_eu))
        refuse(field, allow_eu ? "must be \"EU\" or an ISO 3166-1 alpha-2 country code such as \"BE\""
                               : "must be an ISO 3166-1 alpha-2 country code such as \"BE\"");
}

} // namespace ropa::detail
