#pragma once
// What the import of a ropa-record file (register_import.cpp) and of one activity's document
// (register_activity_document.cpp) share: the file's fields made exact, retention scopes, and
// faults named by their JSON path.

#include <string>
#include <utility>
#include <vector>

#include "ropa/entity.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

/// A fault found while writing the file's content, named by its JSON path: a code the file
/// names that does not exist, or a link it gives twice, is a fault of the file (validation).
Error at_path(const Error& e, const std::string& path);

/// Every described field as the file gives it, those it leaves out empty: a record or link of
/// the file and the register's then compare equal when they say the same, and a field the file
/// leaves out is cleared.
Fields exact_fields(EntityKind kind, const Fields& given);
Fields exact_link_fields(LinkKind kind, const Fields& given);

/// The filter for the retention rows of `activity`.
RecordFilter rows_of_activity(const std::string& activity);

/// What a retention row is about: its data category and category of data subjects (either
/// empty: all of them). An activity has one row per scope.
std::pair<std::string, std::string> retention_scope(const Fields& fields);
/// "data category IDENT of data subjects STAFF", "all the activity's data".
std::string scope_shown(const std::pair<std::string, std::string>& scope);

} // namespace ropa::detail
