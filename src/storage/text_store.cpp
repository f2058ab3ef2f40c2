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

std::optional<Id> insert_text(SQLite::Database& db, const LocalizedText& text) {
    if (text.empty())
        return std::nullopt;
    db.exec("INSERT INTO localized_text DEFAULT VALUES");
    const Id id = db.getLastInsertRowid();
    SQLite::Statement insert(db, "INSERT INTO translation (text_id, lang, value, status) VALUES (?, ?, ?, ?)");
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

std::map<Id, LocalizedText> load_texts(const SQLite::Database& db, std::string_view text_ids_sql) {
    std::map<Id, LocalizedText> texts;
    SQLite::Statement query(db, "SELECT text_id, lang, value, status FROM translation WHERE text_id IN (" +
                                    std::string(text_ids_sql) + ")");
    while (query.executeStep()) {
        texts[query.getColumn(0).getInt64()][query.getColumn(1).getString()] =
            Translation{query.getColumn(2).getString(), text_status_from(query.getColumn(3).getString())};
    }
    return texts;
}

LocalizedText text_or_empty(const std::map<Id, LocalizedText>& texts, const SQLite::Column& id_column) {
    if (id_column.isNull())
        return {};
    auto it = texts.find(id_column.getInt64());
    return it == texts.end() ? LocalizedText{} : it->second;
}

} // namespace ropa::detail
