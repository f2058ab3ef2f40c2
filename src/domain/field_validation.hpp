#pragma once

#include "ropa/entity.hpp"

namespace ropa::detail {

/// Checks `fields` against the entity's description: no unknown field, each value of the
/// right type and within its limits, and (when `creating`) every required field present.
/// Throws Error{validation} naming "<entity>.<field>".
void validate_fields(const EntityInfo& entity, const Fields& fields, bool creating);

/// Same for the extra fields of a link.
void validate_link_fields(const LinkInfo& link, const Fields& fields);

/// Invariants of a link's fields given its ends: the legitimate interest and its assessment
/// belong to a link to Art. 6(1)(f) alone. Error{validation} naming the field.
void validate_link_invariants(const Link& link);

/// Invariants across the fields of one record, on the record as it will be after the write
/// (an end date not before the start date, a processor's controller, a retention's duration
/// or criteria, ...): Error{validation} naming the field, in words a DPO understands (the
/// schema's CHECK constraints repeat them as a last line of defence).
void validate_invariants(EntityKind kind, const Fields& merged);

/// True for a real calendar date written YYYY-MM-DD (2026-02-30 is not).
bool is_iso_date(std::string_view text) noexcept;
/// One "@" with something before it, and a domain with a dot inside it; no spaces. The
/// schema's pattern for e-mail fields says the same.
bool is_email_address(std::string_view text) noexcept;

/// An ISO 8601 date ("2026-11-23") or date and time ("2026-11-23T14:05", with optional
/// seconds and fraction, and "Z" or an offset such as "+01:00"; none means UTC) as the UTC
/// instant in the form the register records change times ("2026-11-23T13:05:00.000Z"), so
/// the two compare as text. A date alone is its first millisecond, or its last with
/// `end_of_day`. nullopt when the text is not such a moment or names an impossible one.
std::optional<std::string> utc_instant(std::string_view text, bool end_of_day);
/// The forms utc_instant accepts, for messages that refuse a moment.
inline constexpr const char* moment_forms = "YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]";

} // namespace ropa::detail
