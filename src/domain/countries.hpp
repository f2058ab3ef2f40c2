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

/// The English name of a country code ("US" -> "United States"; "EU" -> "European Union"), from
/// ISO 3166-1 as Debian's iso-codes gives it (cmake/embed_countries.cmake); "" if unknown.
std::string_view country_name(std::string_view alpha2) noexcept;

} // namespace ropa::detail
