// When each activity was recorded and last changed, read from history in one pass.

#include "storage/history_store.hpp"
#include "storage/record_store.hpp"

namespace ropa::detail {

std::vector<RecordDates> activity_dates(const Database& db, Id up_to) {
    // An activity's changes are those `ropa log --entity activity --code` lists (history_store.cpp,
    // list_changes): its own row, its links and their citations (keys "<activity id>:..."), and
    // its retention rows. One grouped scan of history, not a query per activity.
    std::string links;
    for (const auto& table : link_tables_from(EntityKind::activity))
        links += (links.empty() ? "'" : ", '") + table + "'";
    PreparedStatement query(db,
        "WITH touched(activity_id, change_id) AS ("
        " SELECT CAST(row_key AS INTEGER), change_id FROM row_history"
        "  WHERE table_name = 'processing_activity' AND change_id <= ?1"
        " UNION ALL SELECT CAST(substr(row_key, 1, instr(row_key, ':') - 1) AS INTEGER), change_id FROM row_history"
        "  WHERE table_name IN (" + links + ") AND change_id <= ?1"
        " UNION ALL SELECT json_extract(coalesce(after, before), '$.activity_id'), change_id FROM row_history"
        "  WHERE table_name = 'retention' AND change_id <= ?1),"
        " spans AS (SELECT activity_id, min(change_id) AS first, max(change_id) AS last FROM touched"
        "  GROUP BY activity_id)"
        " SELECT s.activity_id, s.first, substr(f.recorded_at, 1, 10), s.last, substr(l.recorded_at, 1, 10)"
        " FROM spans s JOIN change f ON f.id = s.first JOIN change l ON l.id = s.last ORDER BY s.activity_id");
    query.bind(1, up_to);
    std::vector<RecordDates> dates;
    while (query.executeStep())
        dates.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                         query.getColumn(3).getInt64(), query.getColumn(4).getString()});
    return dates;
}

} // namespace ropa::detail
