#pragma once

#include "ropa/entity.hpp"

namespace ropa::detail {

/// Checks `fields` against the entity's description: no unknown field, each value of the
/// right type and within its limits, and (when `creating`) every required field present.
/// Throws Error{validation} naming "<entity>.<field>".
void validate_fields(const EntityInfo& entity, const Fields& fields, bool creating);

/// Same for the extra fields of a link.
void validate_link_fields(const LinkInfo& link, const Fields& fields);

/// True for a real calendar date written YYYY-MM-DD (2026-02-30 is not).
bool is_iso_date(std::string_view text) noexcept;

} // namespace ropa::detail
