#pragma once
// The pieces the reading pages share (pages.cpp: the dashboard, the matrix, the exports;
// activity_pages.cpp: the activities; history_pages.cpp: the log and the differences), and the
// pages each of those files serves to `respond`.

#include <string>
#include <vector>

#include "ropa/register.hpp"
#include "web/pages.hpp"
#include "web/reading.hpp"

namespace ropa::web {

/// The findings of the check as a table (with the subject each is about when `with_subject`).
std::string findings_table(const Reading& r, const std::vector<Finding>& findings, bool with_subject);
/// A version's link ("/?at=REF", keeping the language chosen) for those who may read past
/// versions; for a viewer, `shown` alone.
std::string version_link(const Reading& r, const std::string& ref, const std::string& shown);
/// Changes as a table, each with its version's link.
std::string changes_table(const Reading& r, const std::vector<ChangeInfo>& changes);
/// Activities as a table: reference, name, status, owner, next review.
std::string activity_rows(const Reading& r, const std::vector<Record>& activities);
/// The history of the file up to the version shown (a snapshot has none of its own).
std::vector<ChangeInfo> changes_up_to_shown(const Reading& r, LogFilter filter);
/// A query parameter's value, "" when not given.
std::string parameter(const Query& query, const char* name);

/// /activities: every activity, filtered by ?q= and ?status=, a hundred a page.
Reply activities_page(const Reading& r, const Query& query);
/// /activities/CODE: every Art. 30 item, its links, findings and history.
Reply activity_page(const Reading& r, const std::string& code);
/// /log: the changes, newest first, with their tags.
Reply history_page(const Reading& r, const Query& query);
/// /diff?from=A&to=B: what changed between two versions.
Reply differences_page(const Reading& r, const Query& query);

} // namespace ropa::web
