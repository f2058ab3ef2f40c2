#pragma once
// localized_text + translation: the one mechanism for translatable text.

#include <map>
#include <optional>
#include <string_view>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Inserts `text` as a new localized_text row with its translations; returns its id, or
/// nullopt for an empty text (optional text columns stay NULL).
std::optional<Id> insert_text(SQLite::Database& db, const LocalizedText& text);

/// Every translation of the text ids that `text_ids_sql` selects (a constant query written
/// in storage code, one column of text ids), grouped by text id.
std::map<Id, LocalizedText> load_texts(const SQLite::Database& db, std::string_view text_ids_sql);

/// The text with `id`, or an empty text for a NULL column.
LocalizedText text_or_empty(const std::map<Id, LocalizedText>& texts, const SQLite::Column& id_column);

TextStatus text_status_from(std::string_view stored);

} // namespace ropa::detail
