// Every activity with its links and retention rows, one at a time (activity_stream.hpp).

#include "storage/activity_stream.hpp"

#include <memory>

#include "storage/record_sql.hpp"
#include "storage/text_store.hpp"

namespace ropa::detail {

namespace {

// The rows of one query in activity-code order, each carrying its activity's id in column
// `key_column`: for_each_activity reads several such queries side by side and takes each
// activity's rows as that activity comes.
class ActivityOrderedRows {
public:
    ActivityOrderedRows(const Database& db, const std::string& sql, int key_column, std::optional<Id> only)
        : query_(db, sql), key_column_(key_column) {
        if (only)
            query_.bind(1, static_cast<std::int64_t>(*only));
        advance();
    }

    template <class Take>
    void take_rows_of(Id activity, Take&& take) {
        while (has_row_ && key_ == activity) {
            take(query_);
            advance();
        }
    }

    /// Every row: for the query that drives the others (the activities themselves).
    template <class Take>
    void take_every_row(Take&& take) {
        while (has_row_) {
            take(query_);
            advance();
        }
    }

private:
    void advance() {
        has_row_ = query_.executeStep();
        if (has_row_)
            key_ = query_.getColumn(key_column_).getInt64();
    }

    PreparedStatement query_;
    int key_column_;
    bool has_row_ = false;
    Id key_ = 0;
};

} // namespace

void for_each_activity(const Database& db, const std::function<void(const ActivityRecord&)>& visit,
                       std::optional<Id> only) {
    // One query per table, all in activity-code order, read side by side: a dozen statements
    // for the whole export instead of a dozen per activity (docs/performance.md), and still
    // only one activity in memory at a time. Each is driven by the activities' code index
    // (CROSS JOIN fixes the join order), so no query sorts more than one activity's rows.
    const auto& activity = entity_info(EntityKind::activity);
    const auto& retention = entity_info(EntityKind::retention);
    const auto field_count = [](const auto& fields) { return static_cast<int>(fields.size()); };
    // with `only`, each query keeps that activity's rows (its id bound as the one parameter)
    const auto of = [&](const char* alias) { return only ? std::string(" WHERE ") + alias + ".id = ?" : std::string(); };
    ActivityOrderedRows activities(db,
        "SELECT " + select_list(activity) + " FROM processing_activity t" + of("t") + " ORDER BY t.code", 0, only);
    ActivityOrderedRows activity_texts(db,
        std::string("SELECT ") + translation_columns + ", t.id FROM processing_activity t CROSS JOIN translation tr"
        " ON tr.text_id IN (" + text_id_columns(activity, "t") + ")" + of("t") + " ORDER BY t.code", 4, only);
    ActivityOrderedRows retention_rows(db,
        "SELECT " + select_list(retention) + ", t.activity_id FROM processing_activity a CROSS JOIN retention t"
        " ON t.activity_id = a.id" + of("a") + " ORDER BY a.code, " + record_order(retention),
        3 + field_count(retention.fields), only);
    ActivityOrderedRows retention_texts(db,
        std::string("SELECT ") + translation_columns + ", a.id FROM processing_activity a CROSS JOIN retention t"
        " ON t.activity_id = a.id CROSS JOIN translation tr ON tr.text_id IN (" + text_id_columns(retention, "t") +
        ")" + of("a") + " ORDER BY a.code", 4, only);
    std::vector<std::pair<LinkKind, std::unique_ptr<ActivityOrderedRows>>> link_rows;
    for (const auto& link : links()) {
        if (link.from != EntityKind::activity)
            continue;
        for (const auto& field : link.fields)
            if (field.type == FieldType::text)
                throw Error(Errc::internal, "activity links with text fields are not read by for_each_activity");
        link_rows.emplace_back(link.kind, std::make_unique<ActivityOrderedRows>(
                                              db, link_select(link.kind, true) + of("f") + " ORDER BY f.code, g.code",
                                              2 + field_count(link.fields), only));
    }

    const std::map<Id, LocalizedText> no_texts;
    activities.take_every_row([&](PreparedStatement& row) {
        const Id id = row.getColumn(0).getInt64();
        std::map<Id, LocalizedText> texts;
        const auto read_text = [&](PreparedStatement& text) { read_translation(text, texts); };
        activity_texts.take_rows_of(id, read_text);
        retention_texts.take_rows_of(id, read_text);
        ActivityRecord record;
        record.activity = record_from_row(activity, row, texts);
        retention_rows.take_rows_of(
            id, [&](PreparedStatement& retained) { record.retention.push_back(record_from_row(retention, retained, texts)); });
        for (auto& rows : link_rows) {
            const LinkKind kind = rows.first;  // not a structured binding: clang 14 cannot capture those
            auto& links_of_kind = record.links[kind];
            rows.second->take_rows_of(
                id, [&](PreparedStatement& link) { links_of_kind.push_back(link_from_row(kind, link, no_texts)); });
        }
        visit(record);
    });
}

} // namespace ropa::detail
