#pragma once
// The one gate every write passes before its change commits (Register::write, revert): the
// rules, checked on the activities the write touched, as the register will be.

#include <set>
#include <string>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Throws Error{rule_violation} listing every rule an approved (active or retired) activity of
/// `activities` breaks, each with its article, after `refusal` ("refused: ..."); Error{validation}
/// for a "replaced by" that loops. Drafts and activities in review may break the rules.
void require_rules(Database& db, const std::set<Id>& activities, const std::string& refusal);

} // namespace ropa::detail
