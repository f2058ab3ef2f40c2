#include "domain/text_rules.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

namespace {

// ISO 639-2 three-letter codes (terminology and bibliographic) of the languages that have an
// ISO 639-1 code: BCP 47 uses the shortest code, so "nld", "dut" and "nl" are one language, "nl".
// Generated from Debian's iso-codes (iso_639-2.json).
constexpr std::pair<std::string_view, std::string_view> iso_639_2_to_1[] = {
    {"aar", "aa"}, {"abk", "ab"}, {"afr", "af"}, {"aka", "ak"}, {"alb", "sq"}, {"amh", "am"}, {"ara", "ar"},
    {"arg", "an"}, {"arm", "hy"}, {"asm", "as"}, {"ava", "av"}, {"ave", "ae"}, {"aym", "ay"}, {"aze", "az"},
    {"bak", "ba"}, {"bam", "bm"}, {"baq", "eu"}, {"bel", "be"}, {"ben", "bn"}, {"bih", "bh"}, {"bis", "bi"},
    {"bod", "bo"}, {"bos", "bs"}, {"bre", "br"}, {"bul", "bg"}, {"bur", "my"}, {"cat", "ca"}, {"ces", "cs"},
    {"cha", "ch"}, {"che", "ce"}, {"chi", "zh"}, {"chu", "cu"}, {"chv", "cv"}, {"cor", "kw"}, {"cos", "co"},
    {"cre", "cr"}, {"cym", "cy"}, {"cze", "cs"}, {"dan", "da"}, {"deu", "de"}, {"div", "dv"}, {"dut", "nl"},
    {"dzo", "dz"}, {"ell", "el"}, {"eng", "en"}, {"epo", "eo"}, {"est", "et"}, {"eus", "eu"}, {"ewe", "ee"},
    {"fao", "fo"}, {"fas", "fa"}, {"fij", "fj"}, {"fin", "fi"}, {"fra", "fr"}, {"fre", "fr"}, {"fry", "fy"},
    {"ful", "ff"}, {"geo", "ka"}, {"ger", "de"}, {"gla", "gd"}, {"gle", "ga"}, {"glg", "gl"}, {"glv", "gv"},
    {"gre", "el"}, {"grn", "gn"}, {"guj", "gu"}, {"hat", "ht"}, {"hau", "ha"}, {"heb", "he"}, {"her", "hz"},
    {"hin", "hi"}, {"hmo", "ho"}, {"hrv", "hr"}, {"hun", "hu"}, {"hye", "hy"}, {"ibo", "ig"}, {"ice", "is"},
    {"ido", "io"}, {"iii", "ii"}, {"iku", "iu"}, {"ile", "ie"}, {"ina", "ia"}, {"ind", "id"}, {"ipk", "ik"},
    {"isl", "is"}, {"ita", "it"}, {"jav", "jv"}, {"jpn", "ja"}, {"kal", "kl"}, {"kan", "kn"}, {"kas", "ks"},
    {"kat", "ka"}, {"kau", "kr"}, {"kaz", "kk"}, {"khm", "km"}, {"kik", "ki"}, {"kin", "rw"}, {"kir", "ky"},
    {"kom", "kv"}, {"kon", "kg"}, {"kor", "ko"}, {"kua", "kj"}, {"kur", "ku"}, {"lao", "lo"}, {"lat", "la"},
    {"lav", "lv"}, {"lim", "li"}, {"lin", "ln"}, {"lit", "lt"}, {"ltz", "lb"}, {"lub", "lu"}, {"lug", "lg"},
    {"mac", "mk"}, {"mah", "mh"}, {"mal", "ml"}, {"mao", "mi"}, {"mar", "mr"}, {"may", "ms"}, {"mkd", "mk"},
    {"mlg", "mg"}, {"mlt", "mt"}, {"mon", "mn"}, {"mri", "mi"}, {"msa", "ms"}, {"mya", "my"}, {"nau", "na"},
    {"nav", "nv"}, {"nbl", "nr"}, {"nde", "nd"}, {"ndo", "ng"}, {"nep", "ne"}, {"nld", "nl"}, {"nno", "nn"},
    {"nob", "nb"}, {"nor", "no"}, {"nya", "ny"}, {"oci", "oc"}, {"oji", "oj"}, {"ori", "or"}, {"orm", "om"},
    {"oss", "os"}, {"pan", "pa"}, {"per", "fa"}, {"pli", "pi"}, {"pol", "pl"}, {"por", "pt"}, {"pus", "ps"},
    {"que", "qu"}, {"roh", "rm"}, {"ron", "ro"}, {"rum", "ro"}, {"run", "rn"}, {"rus", "ru"}, {"sag", "sg"},
    {"san", "sa"}, {"sin", "si"}, {"slk", "sk"}, {"slo", "sk"}, {"slv", "sl"}, {"sme", "se"}, {"smo", "sm"},
    {"sna", "sn"}, {"snd", "sd"}, {"som", "so"}, {"sot", "st"}, {"spa", "es"}, {"sqi", "sq"}, {"srd", "sc"},
    {"srp", "sr"}, {"ssw", "ss"}, {"sun", "su"}, {"swa", "sw"}, {"swe", "sv"}, {"tah", "ty"}, {"tam", "ta"},
    {"tat", "tt"}, {"tel", "te"}, {"tgk", "tg"}, {"tgl", "tl"}, {"tha", "th"}, {"tib", "bo"}, {"tir", "ti"},
    {"ton", "to"}, {"tsn", "tn"}, {"tso", "ts"}, {"tuk", "tk"}, {"tur", "tr"}, {"twi", "tw"}, {"uig", "ug"},
    {"ukr", "uk"}, {"urd", "ur"}, {"uzb", "uz"}, {"ven", "ve"}, {"vie", "vi"}, {"vol", "vo"}, {"wel", "cy"},
    {"wln", "wa"}, {"wol", "wo"}, {"xho", "xh"}, {"yid", "yi"}, {"yor", "yo"}, {"zha", "za"}, {"zho", "zh"},
    {"zul", "zu"}
};

// ISO 639-1: the two-letter language codes (a two-letter primary subtag must be one of them).
constexpr std::string_view iso_639_1[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn",
    "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el",
    "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv",
    "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it",
    "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
    "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
    "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa",
    "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn",
    "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo",
    "za", "zh", "zu"};

bool all_of(std::string_view text, bool (*accept)(char)) {
    return !text.empty() && std::all_of(text.begin(), text.end(), accept);
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}
std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

} // namespace

std::optional<std::string> canonical_language_tag(std::string_view tag) {
    static_assert(std::is_sorted(std::begin(iso_639_1), std::end(iso_639_1)));
    static_assert(std::is_sorted(std::begin(iso_639_2_to_1), std::end(iso_639_2_to_1)));
    if (tag.empty() || tag.size() > 35)
        return std::nullopt;
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto dash = tag.find('-', start);
        parts.push_back(tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
        if (dash == std::string_view::npos)
            break;
        start = dash + 1;
    }
    std::string out;
    std::size_t i = 0;
    auto private_use = [&]() -> bool {  // "x-" and 1-8 characters per subtag, to the end
        if (i + 1 >= parts.size())
            return false;
        out += out.empty() ? "x" : "-x";
        for (++i; i < parts.size(); ++i) {
            if (parts[i].size() > 8 || !all_of(parts[i], is_alnum))
                return false;
            out += "-" + lower(parts[i]);
        }
        return true;
    };
    if (lower(parts[0]) == "x")
        return private_use() ? std::optional<std::string>(out) : std::nullopt;
    // language: two letters from ISO 639-1, or three (ISO 639-2/3)
    const auto language = lower(parts[0]);
    if (!all_of(language, is_alpha) || language.size() < 2 || language.size() > 3)
        return std::nullopt;
    if (language.size() == 2 && !std::binary_search(std::begin(iso_639_1), std::end(iso_639_1), language))
        return std::nullopt;
    out = language;
    if (language.size() == 3) {
        const auto two = std::lower_bound(std::begin(iso_639_2_to_1), std::end(iso_639_2_to_1), language,
                                          [](const auto& entry, const std::string& code) { return entry.first < code; });
        if (two != std::end(iso_639_2_to_1) && two->first == language)
            out = std::string(two->second);
    }
    ++i;
    // script: four letters, title case ("Latn")
    if (i < parts.size() && parts[i].size() == 4 && all_of(parts[i], is_alpha)) {
        auto script = lower(parts[i++]);
        script[0] = static_cast<char>(script[0] - 'a' + 'A');
        out += "-" + script;
    }
    // region: an assigned ISO 3166-1 code, upper case, or a UN M.49 number
    if (i < parts.size() && ((parts[i].size() == 2 && all_of(parts[i], is_alpha)) ||
                             (parts[i].size() == 3 && all_of(parts[i], is_digit)))) {
        const auto region = upper(parts[i++]);
        if (region.size() == 2 && !is_iso_country(region) && region != "EU")
            return std::nullopt;
        out += "-" + region;
    }
    // variants: 5-8 characters, or a digit and three more
    while (i < parts.size() && lower(parts[i]) != "x") {
        const auto variant = parts[i];
        const bool ok = all_of(variant, is_alnum) &&
                        ((variant.size() >= 5 && variant.size() <= 8) || (variant.size() == 4 && is_digit(variant[0])));
        if (!ok)
            return std::nullopt;
        out += "-" + lower(variant);
        ++i;
    }
    if (i < parts.size() && !private_use())
        return std::nullopt;
    return out;
}

void require_language_tag(std::string_view tag, std::string_view field) {
    const auto canonical = canonical_language_tag(tag);
    const std::string shown = is_valid_utf8(tag) && tag.size() <= 40 ? std::string(tag) : std::string("?");
    if (!canonical)
        refuse(field, "\"" + shown +
                          "\" is not a BCP 47 language tag such as \"nl\", \"fr-BE\" or \"en\" (an ISO 639 language "
                          "code, then optionally a script and a region)");
    if (*canonical != tag)
        refuse(field, "\"" + shown + "\" is written \"" + *canonical + "\" (the canonical form of the tag)");
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
        refuse(field, std::string(allow_eu ? "must be \"EU\" or an ISO 3166-1 alpha-2 country code such as \"BE\""
                                           : "must be an ISO 3166-1 alpha-2 country code such as \"BE\"") +
                          (code.size() == 2 && is_iso_country(std::string{static_cast<char>(std::toupper(
                                                                               static_cast<unsigned char>(code[0]))),
                                                                           static_cast<char>(std::toupper(
                                                                               static_cast<unsigned char>(code[1])))})
                               ? " (capitals: \"" + std::string(code) + "\" is written in upper case)"
                               : code == "UK" ? " (\"GB\", not \"UK\")" : ""));
    if (outside_eea && is_eea_country(code))
        refuse(field, std::string(code) +
                          " is in the EEA: data sent there is not a transfer to a third country (Art. 44); "
                          "record the recipient instead");
}

} // namespace ropa::detail
