#pragma once
// localized_text + translation: the one mechanism for translatable text.

#include <map>
#include <functional>
#include <optional>
#include <string_view>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Inserts `text` as a new localized_text row with its translations; returns its id, or
/// nullopt for an empty text (optional text columns stay NULL).
std::optional<Id> insert_text(Database& db, const LocalizedText& text);

/// Every translation of the text ids that `text_ids_sql` selects (a constant query written
/// in storage code, one column of text ids), grouped by text id. A `row_id` is bound to ?1 in
/// that query (so the SQL stays the same for every row, and its statement is reused).
std::map<Id, LocalizedText> load_texts(const Database& db, std::string_view text_ids_sql,
                                       std::optional<Id> row_id = std::nullopt);

/// The columns a translation row is read from: text id, language, value, status, in this
/// order, first in the SELECT list (what read_translation expects).
inline constexpr const char* translation_columns = "tr.text_id, tr.lang, tr.value, tr.status";

/// Adds the translation in the current row of `row` (translation_columns first) to `texts`.
void read_translation(PreparedStatement& row, std::map<Id, LocalizedText>& texts);

/// Every text of the register (all its translations), one at a time.
void for_each_text(const Database& db, const std::function<void(const LocalizedText&)>& visit);

/// The text with `id`, or an empty text for a NULL column.
LocalizedText text_or_empty(const std::map<Id, LocalizedText>& texts, const SQLite::Column& id_column);

TextStatus text_status_from(std::string_view stored);

} // namespace ropa::detail
