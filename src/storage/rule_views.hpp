#pragma once
// The plain views the rules read (domain/rules.hpp): which activities a write touches, and
// each activity, transfer and the controller as the rules see them.

#include <string>

#include "domain/rules.hpp"
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "ropa/entity.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// The activities whose rules must be checked again after a write to record (kind, id).
std::set<Id> activities_using(const Database& db, EntityKind kind, Id id);
/// The activities affected by adding or removing a link from `from_id`.
std::set<Id> activities_affected_by_link(const Database& db, LinkKind kind, Id from_id);

ActivityView load_activity_view(const Database& db, Id activity_id);
TransferView load_transfer_view(const Database& db, Id transfer_id);
/// The retention rows of `activity_id` for `category_id` and `subject_id` (nothing: all of them).
std::vector<Id> retention_rows_for(const Database& db, Id activity_id, std::optional<Id> category_id,
                                   std::optional<Id> subject_id);
/// The codes of the activities that replace `activity_id`, following "replaced by" from it:
/// its replacement, that one's, and so on, stopping after the first code seen twice.
std::vector<std::string> replacement_chain(const Database& db, Id activity_id);
ControllerView load_controller_view(const Database& db);
std::vector<Id> activity_ids(const Database& db);
std::vector<std::string> purposes_without_basis(const Database& db);

} // namespace ropa::detail
