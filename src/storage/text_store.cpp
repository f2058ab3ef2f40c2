#include "storage/text_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace ropa::detail {

TextStatus text_status_from(std::string_view stored) {
    if (stored == "official")
        return TextStatus::official;
    if (stored == "unofficial")
        return TextStatus::unofficial;
    return TextStatus::source;
}

std::optional<Id> insert_text(Database& db, const LocalizedText& text) {
    if (text.empty())
        return std::nullopt;
    PreparedStatement(db, "INSERT INTO localized_text DEFAULT VALUES").exec();
    const Id id = db.getLastInsertRowid();
    PreparedStatement insert(db, "INSERT INTO translation (text_id, lang, value, status) VALUES (?, ?, ?, ?)");
    for (const auto& [lang, translation] : text) {
        insert.bind(1, id);
        insert.bind(2, lang);
        insert.bind(3, translation.value);
        insert.bind(4, std::string(to_string(translation.status)));
        insert.exec();
        insert.reset();
    }
    return id;
}

std::map<Id, LocalizedText> load_texts(const Database& db, std::string_view text_ids_sql,
                                       std::optional<Id> row_id) {
    std::map<Id, LocalizedText> texts;
    PreparedStatement query(db, std::string("SELECT ") + translation_columns + " FROM translation tr WHERE text_id IN (" +
                                    std::string(text_ids_sql) + ")");
    if (row_id)
        query.bind(1, static_cast<std::int64_t>(*row_id));
    while (query.executeStep())
        read_translation(query, texts);
    return texts;
}

void read_translation(PreparedStatement& row, std::map<Id, LocalizedText>& texts) {
    texts[row.getColumn(0).getInt64()][row.getColumn(1).getString()] =
        Translation{row.getColumn(2).getString(), text_status_from(row.getColumn(3).getString())};
}

void for_each_text(const Database& db, const std::function<void(const LocalizedText&)>& visit) {
    PreparedStatement query(db, "SELECT text_id, lang, value, status FROM translation ORDER BY text_id, lang");
    LocalizedText text;
    std::optional<Id> current;
    while (query.executeStep()) {
        const Id id = query.getColumn(0).getInt64();
        if (current && *current != id) {
            visit(text);
            text.clear();
        }
        current = id;
        text[query.getColumn(1).getString()] =
            Translation{query.getColumn(2).getString(), text_status_from(query.getColumn(3).getString())};
    }
    if (current)
        visit(text);
}

LocalizedText text_or_empty(const std::map<Id, LocalizedText>& texts, const SQLite::Column& id_column) {
    if (id_column.isNull())
        return {};
    auto it = texts.find(id_column.getInt64());
    return it == texts.end() ? LocalizedText{} : it->second;
}

} // namespace ropa::detail
