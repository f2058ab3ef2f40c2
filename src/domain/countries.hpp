#pragma once
// Countries as the law sees them: the ISO 3166-1 list, and which are in the EEA.

#include <string_view>

namespace ropa::detail {

/// An officially assigned ISO 3166-1 alpha-2 code ("BE"), or XK (Kosovo, user-assigned but
/// used by the European Commission and most registers).
bool is_iso_country(std::string_view alpha2) noexcept;

/// Where the GDPR applies without a transfer: the 27 EU member states, Iceland, Liechtenstein
/// and Norway (the EEA Agreement), with the parts of member states that have codes of their
/// own but belong to the Union (Åland, and France's outermost regions).
bool is_eea_country(std::string_view alpha2) noexcept;

/// The name of a country code in `lang` (by its primary subtag: nl, fr, de; English otherwise):
/// "US" -> "United States", "Verenigde Staten"; "EU" -> "European Union". From ISO 3166-1 and
/// its translations as Debian's iso-codes gives them (cmake/embed_countries.py); "" if unknown.
std::string_view country_name(std::string_view alpha2, std::string_view lang = "en") noexcept;

} // namespace ropa::detail
