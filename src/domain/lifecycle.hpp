#pragma once
// An activity's lifecycle: draft -> in_review -> active (approved) -> retired.
//
// The record must be true first and compliant second: a draft or an activity in review may
// break the write-time rules (purpose limitation, Art. 9 and 10 conditions, transfer tools),
// which `check` then reports; becoming active is the approval, refused while any rule is
// broken, and it records who approved, when and why, and when to review the activity again.

#include <string>
#include <string_view>

#include "ropa/entity.hpp"
#include "ropa/model.hpp"

namespace ropa::detail {

/// Whether the write-time rules hold for an activity with this status: active and retired
/// activities were approved; drafts and activities in review record reality as it is.
bool enforces_rules(std::string_view status) noexcept;

/// The fields only an approval writes.
inline constexpr const char* approval_fields[] = {"approved_by", "approved_at", "approval_reason"};

/// Throws Error{validation} if `given` sets an approval field: they record an approval, so a
/// person cannot type them in (an import carries them from its file instead).
void refuse_approval_by_hand(const Fields& given);

/// `fields` of an activity being approved (becoming active, or approved again after a review):
/// approved by the change's actor, at `now` (UTC, ISO 8601), for the change's reason, to be
/// reviewed on the date `fields` gives (Error{validation} unless after `today`) or
/// `review_interval_months` (the register's setting) after `today`.
Fields with_approval(Fields fields, const ChangeRequest& change, const std::string& now, const std::string& today,
                     int review_interval_months);

/// `fields` of an activity sent back to draft or review: its approval no longer holds.
Fields without_approval(Fields fields);

/// The date `months` months after `date` (YYYY-MM-DD), on the last day of a shorter month.
std::string months_after(const std::string& date, int months);

} // namespace ropa::detail
