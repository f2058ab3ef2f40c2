#pragma once
// Rules every piece of text must meet before it is written. Documented in docs/data-model.md
// ("Limits"); the schema's CHECK constraints repeat the structural ones as a last line.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ropa/model.hpp"

namespace ropa::detail {

inline constexpr std::size_t max_code_bytes = 64;
inline constexpr std::size_t max_name_bytes = 2000;
inline constexpr std::size_t max_description_bytes = 20000;
inline constexpr std::size_t max_short_field_bytes = 500;  // addresses, e-mail, phone, references

/// True for well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view bytes) noexcept;

/// Number of code points in valid UTF-8 (what a terminal shows as width, for Latin text).
std::size_t utf8_length(std::string_view bytes) noexcept;

/// Throws Error{validation} naming `field` unless `value` is valid UTF-8, at most `max_bytes`
/// long, shows at least one visible character, and holds no NUL, no C0 or C1 control character
/// (tab and newline allowed) and no bidirectional override or isolate.
void require_text(std::string_view value, std::string_view field, std::size_t max_bytes);

/// Codes: 1-64 characters from A-Z a-z 0-9 . _ - (stable identifiers people type).
void require_code(std::string_view code, std::string_view field);

/// The canonical form of a BCP 47 language tag (RFC 5646: language lower case, Script title
/// case, REGION upper case), or nothing when `tag` is not one: a two-letter language must be an
/// ISO 639-1 code and a two-letter region an assigned ISO 3166-1 code. "NL" -> "nl",
/// "fr-be" -> "fr-BE"; "nederlands" and "xx-yy-zz" are not tags.
std::optional<std::string> canonical_language_tag(std::string_view tag);

/// Throws Error{validation} naming `field` unless `tag` is a BCP 47 tag in canonical form (so a
/// register never holds "NL" beside "nl"); the message gives the canonical form where there is one.
void require_language_tag(std::string_view tag, std::string_view field);

/// Every translation of `text` meets require_text; `required` also demands one translation.
void require_localized_text(const LocalizedText& text, std::string_view field, std::size_t max_bytes,
                            bool required);

/// Country codes: ISO 3166-1 alpha-2 as assigned, upper case ("BE"); `allow_eu` also accepts
/// "EU"; `outside_eea` refuses the EEA's members (the destination of a transfer).
void require_country_code(std::string_view code, std::string_view field, bool allow_eu, bool outside_eea = false);

} // namespace ropa::detail
