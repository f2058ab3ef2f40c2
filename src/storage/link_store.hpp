#pragma once
// The links between records (the allowed links of purposes, an activity's links), with their
// fields and the legal sources a basis cites.

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "ropa/entity.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Inserts the link; returns the id of the record it starts from. Error{conflict} if it exists.
Id insert_link(Database& db, const Link& link);
/// Sets the fields given of an existing link (a references field is replaced whole); returns the
/// id of the record it starts from, or nothing when every value given was already there.
/// Error{not_found} if the link does not exist.
std::optional<Id> update_link(Database& db, const Link& link);
void delete_link(Database& db, LinkKind kind, std::string_view from, std::string_view to);
std::vector<Link> list_links(const Database& db, LinkKind kind, std::optional<Id> from);

} // namespace ropa::detail
