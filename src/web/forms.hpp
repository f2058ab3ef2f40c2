#pragma once
// Every record of the register in the browser: its list, its page, and the forms that add,
// edit and remove it, with its links; and the approval of an activity. A write is one change
// through Register::write, under the same rules as the library and the CLI: a refusal shows
// each fault beside its field (or the rules an approval would break, with their articles),
// and nothing is written. The pages that read records are record_pages.cpp; the forms
// record_forms.cpp (records, approval) and link_forms.cpp (a link's fields); what a role may
// write and the fingerprints of stale forms write_rules.hpp.

#include <filesystem>
#include <optional>
#include <string_view>

#include "web/pages.hpp"
#include "web/reading.hpp"

namespace ropa::web {

/// The reply to a GET under /records (the kinds of record, a kind's records, one record, a
/// form), or std::nullopt when `path` is not one of them.
std::optional<Reply> record_page(const Reading& r, std::string_view path, const Query& query);

/// The hidden inputs of an activity's Approve form: the CSRF token, and what the page showed
/// (the revision, and a fingerprint of its fields, links and time limits), so that an approval
/// of an activity changed since the page was read is refused (409).
std::string approval_inputs(const Reading& r, const Record& activity);

/// The reply to a POST of `form` to `path` by `visitor` (already signed in, its CSRF token
/// already checked by the server): /records/KIND/new, /records/KIND/REF/edit,
/// /records/KIND/REF/remove, /activities/CODE/approve. Success is a 303 to the record's page;
/// a refusal is the form again with the faults shown (403 for the role, 409 for a record
/// changed since the form was read, 422 for a value or a rule).
Reply submit(const std::filesystem::path& db, std::string_view path, const Form& form, const Visitor& visitor);

} // namespace ropa::web
