#pragma once
// One activity as one document: `activity show --document`, `activity apply FILE` and
// `activity edit CODE --editor`, the last as `git commit` and `kubectl edit` do it.

#include <optional>
#include <string>

#include "cli/context.hpp"

namespace ropa::cli {

/// Prints the activity's document (its block of the JSON export).
int print_activity_document(const Context& context, const std::string& code);

/// Creates or updates the activity `path` describes ("-": standard input) as one change.
int apply_activity_document_file(const Context& context, const std::string& path, const std::string& reason,
                                 std::optional<std::int64_t> expected_revision);

/// Opens the activity's document in $VISUAL or $EDITOR; on saving, applies it as one change.
/// A document that is refused is opened again with the reason at its top, until it is
/// applied, or saved empty or unchanged (nothing is written).
int edit_activity_document(const Context& context, const std::string& code, const std::string& reason);

/// `text` without the comment lines ("#" first) before the document: the editor's header.
std::string without_leading_comments(const std::string& text);

} // namespace ropa::cli
