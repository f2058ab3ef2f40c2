#include "domain/text_rules.hpp"

#include <string>

#include "domain/countries.hpp"
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

/// The code points of valid UTF-8, one at a time.
template <class Visit>
void for_each_code_point(std::string_view bytes, Visit&& visit) {
    for (std::size_t i = 0; i < bytes.size();) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const std::size_t extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
        char32_t code_point = extra == 0 ? lead : lead & (0x3F >> extra);
        for (std::size_t k = 1; k <= extra; ++k)
            code_point = (code_point << 6) | (static_cast<unsigned char>(bytes[i + k]) & 0x3F);
        visit(code_point);
        i += extra + 1;
    }
}

/// Spaces and characters that show nothing: a name made only of these looks empty.
bool is_invisible(char32_t c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || (c >= 0x2060 && c <= 0x2064) ||
           c == 0x3000 || c == 0xFEFF || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x034F ||
           c == 0x180E;
}

/// What a text field refuses, or nullptr. C0 and C1 controls (a C1 CSI, U+009B, is a terminal
/// escape) and the bidirectional embeddings, overrides and isolates, which make a printed
/// name read differently from the bytes stored (CVE-2021-42574, "Trojan Source"). Tab and
/// newline stay; the left-to-right and right-to-left marks (U+200E, U+200F) stay, as
/// right-to-left scripts need them.
const char* refused_character(char32_t c) noexcept {
    if (c == 0)
        return "a NUL character";
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
        return "a control character";
    if (c >= 0x80 && c <= 0x9F)
        return "a C1 control character (U+0080-U+009F)";
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return "a bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069)";
    return nullptr;
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
    if (value.size() > max_bytes)
        refuse(field, "is " + std::to_string(value.size()) + " bytes long; the limit is " + std::to_string(max_bytes));
    if (!is_valid_utf8(value))
        refuse(field, "is not valid UTF-8");
    bool visible = false;
    for_each_code_point(value, [&](char32_t c) {
        if (const char* what = refused_character(c))
            refuse(field, std::string("contains ") + what);
        visible = visible || !is_invisible(c);
    });
    if (!visible)
        refuse(field, "is blank (only spaces or invisible characters); give a value or leave the field out");
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

void require_country_code(std::string_view code, std::string_view field, bool allow_eu, bool outside_eea) {
    if (code == "EU" && allow_eu)
        return;
    if (!is_iso_country(code))
        refuse(field, allow_eu ? "must be \"EU\" or an ISO 3166-1 alpha-2 country code such as \"BE\""
                               : "must be an ISO 3166-1 alpha-2 country code such as \"BE\" (\"GB\", not \"UK\")");
    if (outside_eea && is_eea_country(code))
        refuse(field, std::string(code) +
                          " is in the EEA: data sent there is not a transfer to a third country (Art. 44); "
                          "record the recipient instead");
}

} // namespace ropa::detail
