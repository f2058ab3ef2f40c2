#pragma once
// The one gate every write passes (Register::write, and through it seeds and imports; revert):
// the change request checked before anything is written, and the rules, checked on the
// activities the write touched, as the register will be, before the change commits.

#include <set>
#include <string>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Throws Error{validation} naming the field for an actor that is empty or too long, or text
/// that is not valid UTF-8 in either.
void validate_change_request(const ChangeRequest& change);

/// Throws Error{rule_violation} listing every rule an approved (active or retired) activity of
/// `activities` breaks, each with its article, after `refusal` ("refused: ..."); Error{validation}
/// for a "replaced by" that loops. Drafts and activities in review may break the rules.
void require_rules(Database& db, const std::set<Id>& activities, const std::string& refusal);

} // namespace ropa::detail
