// History in SQL, how a change is recorded: which tables history versions and how a row is
// encoded in it, opening a change, its effects, and sealing it into the hash chain. The log and
// tags are history_log.cpp, revert history_revert.cpp.

#include "storage/history_store.hpp"

#include <functional>

#include <SQLiteCpp/Statement.h>

namespace ropa::detail {

namespace {

std::optional<std::string> optional_column(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

} // namespace

std::string row_image_sql(const VersionedTable& table, const std::string& alias) {
    std::string sql = "json_object(";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        sql += (i ? ", '" : "'") + table.columns[i] + "', " + alias + "." + table.columns[i];
    return sql + ")";
}

// Always text, as row_key stores it: a bare integer id would give the comparison with row_key
// numeric affinity, and SQLite could no longer search row_history_by_row for it (verify then
// scanned the history once per row: minutes for a register of 10,000 activities).
std::string row_key_sql(const VersionedTable& table, const std::string& alias) {
    if (table.key_columns.size() == 1)
        return "CAST(" + alias + "." + table.key_columns[0] + " AS TEXT)";
    std::string sql;
    for (std::size_t i = 0; i < table.key_columns.size(); ++i)
        sql += (i ? " || ':' || " : "") + alias + "." + table.key_columns[i];
    return sql;
}

std::vector<VersionedTable> versioned_tables(const Database& db) {
    std::vector<std::string> names;
    PreparedStatement list(db,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        " AND name NOT IN ('change', 'row_history') ORDER BY name");
    while (list.executeStep())
        names.push_back(list.getColumn(0).getString());
    std::vector<VersionedTable> tables;
    for (const auto& name : names) {
        VersionedTable table{name, {}, {}};
        std::map<int, std::string> key;
        PreparedStatement info(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
        info.bind(1, name);
        while (info.executeStep()) {
            table.columns.push_back(info.getColumn(0).getString());
            if (int pk = info.getColumn(1).getInt(); pk > 0)
                key[pk] = info.getColumn(0).getString();
        }
        for (const auto& [order, column] : key)
            table.key_columns.push_back(column);
        if (table.key_columns.empty())
            table.key_columns.push_back("rowid");  // a table ropa did not make (verify names it)
        tables.push_back(std::move(table));
    }
    return tables;
}

Id open_change(Database& db, const ChangeRequest& change) {
    // Recorded times never go backwards, even if the clock does: --at TIME relies on it.
    PreparedStatement insert(db,
        "INSERT INTO change (recorded_at, actor, reason, state, prev_hash) VALUES ("
        " max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce((SELECT max(recorded_at) FROM change), '')),"
        " ?, ?, 'open', (SELECT hash FROM change WHERE state = 'sealed' ORDER BY id DESC LIMIT 1))");
    insert.bind(1, change.actor);
    insert.bind(2, change.reason);
    insert.exec();
    return db.getLastInsertRowid();
}

std::size_t open_change_effects(const Database& db) {
    PreparedStatement query(db,
        "SELECT count(*) FROM row_history WHERE change_id = (SELECT id FROM change WHERE state = 'open')");
    query.executeStep();
    return static_cast<std::size_t>(query.getColumn(0).getInt64());
}

namespace {
// Each effect of the change in the order it happened, one at a time.
void for_each_effect(const Database& db, Id change_id, const std::function<void(RowEffect&&)>& visit) {
    PreparedStatement query(db,
        "SELECT table_name, row_key, before, after FROM row_history WHERE change_id = ? ORDER BY seq");
    query.bind(1, change_id);
    while (query.executeStep())
        visit({query.getColumn(0).getString(), query.getColumn(1).getString(), optional_column(query.getColumn(2)),
               optional_column(query.getColumn(3))});
}
}  // namespace

std::vector<RowEffect> effects_of(const Database& db, Id change_id) {
    std::vector<RowEffect> effects;
    for_each_effect(db, change_id, [&](RowEffect&& effect) { effects.push_back(std::move(effect)); });
    return effects;
}

namespace {
ChangeHeader header_of(const Database& db, Id change_id) {
    PreparedStatement query(db, "SELECT recorded_at, actor, reason, coalesce(prev_hash, '') FROM change WHERE id = ?");
    query.bind(1, change_id);
    if (!query.executeStep())
        throw Error(Errc::not_found, "no change " + std::to_string(change_id));
    return {change_id, query.getColumn(0).getString(), query.getColumn(1).getString(),
            query.getColumn(2).getString(), query.getColumn(3).getString()};
}
}  // namespace

// The change's hash, its effects read one at a time (ChangeHasher): sealing or verifying a
// change of millions of rows never holds them all.
std::string hash_of_change(const Database& db, Id change_id) {
    PreparedStatement count(db, "SELECT count(*) FROM row_history WHERE change_id = ?");
    count.bind(1, change_id);
    count.executeStep();
    ChangeHasher hasher(header_of(db, change_id), static_cast<std::size_t>(count.getColumn(0).getInt64()));
    for_each_effect(db, change_id, [&](RowEffect&& effect) { hasher.add(effect); });
    return hasher.hex_digest();
}

void seal_open_change(Database& db) {
    PreparedStatement open(db, "SELECT id FROM change WHERE state = 'open'");
    if (!open.executeStep())
        return;
    const Id id = open.getColumn(0).getInt64();
    const auto hash = hash_of_change(db, id);
    PreparedStatement seal(db, "UPDATE change SET state = 'sealed', hash = ? WHERE id = ?");
    seal.bind(1, hash);
    seal.bind(2, id);
    seal.exec();
}

} // namespace ropa::detail
