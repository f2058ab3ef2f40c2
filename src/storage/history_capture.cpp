#include "storage/history_capture.hpp"

#include <array>
#include <map>
#include <set>

namespace ropa::detail {

namespace {

constexpr const char* capture_prefix = "history_";
constexpr std::array<const char*, 3> events{"insert", "update", "delete"};

// The key as the triggers write it: the key columns joined with ':' (row_history.row_key's
// TEXT affinity stores an integer id as text, the value row_key_sql reads). Kept as migration
// 3 wrote it, since verify compares the triggers' text with this.
std::string trigger_row_key(const VersionedTable& table, const std::string& alias) {
    std::string sql;
    for (std::size_t i = 0; i < table.key_columns.size(); ++i)
        sql += (i ? " || ':' || " : "") + alias + "." + table.key_columns[i];
    return sql;
}

std::string upper(std::string word) {
    for (auto& c : word)
        c = static_cast<char>(c - 'a' + 'A');
    return word;
}

/// name -> SQL of the capture triggers present in the file.
std::map<std::string, std::string> present_triggers(const Database& db) {
    std::map<std::string, std::string> present;
    PreparedStatement query(db,
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'history_*'");
    while (query.executeStep())
        present[query.getColumn(0).getString()] = query.getColumn(1).getString();
    return present;
}

/// Inside the migration's change: every row of `table` whose image differs from the newest one
/// history holds for it (a column added, a row the migration wrote) is recorded as the
/// migration's effect, so verify compares like with like and as-of reads see the migration.
void record_rows_again(Database& db, const VersionedTable& table) {
    const std::string key = row_key_sql(table, "t");
    db.exec("INSERT INTO row_history (change_id, table_name, row_key, before, after)"
            " SELECT (SELECT id FROM change WHERE state = 'open'), '" + table.name + "', k, previous, image FROM ("
            "  SELECT " + key + " AS k, " + row_image_sql(table, "t") + " AS image,"
            "   (SELECT h.after FROM row_history h WHERE h.table_name = '" + table.name + "' AND h.row_key = " + key +
            "    ORDER BY h.seq DESC LIMIT 1) AS previous FROM " + table.name + " t)"
            " WHERE previous IS NOT image");
}

} // namespace

std::vector<std::pair<std::string, std::string>> capture_triggers(const VersionedTable& table) {
    static const std::string guard =
        "    SELECT RAISE(ABORT, 'ropa: write outside a change (use ropa, or Register::write)')\n"
        "        WHERE NOT EXISTS (SELECT 1 FROM change WHERE state = 'open');\n";
    std::vector<std::pair<std::string, std::string>> triggers;
    for (const char* event : events) {
        const std::string name = capture_prefix + table.name + "_" + event;
        const std::string which = event;
        const std::string before = which == "insert" ? "NULL" : row_image_sql(table, "OLD");
        const std::string after = which == "delete" ? "NULL" : row_image_sql(table, "NEW");
        const std::string key = trigger_row_key(table, which == "delete" ? "OLD" : "NEW");
        triggers.emplace_back(name, "CREATE TRIGGER " + name + " AFTER " + upper(which) + " ON " + table.name +
                                        "\nBEGIN\n" + guard +
                                        "    INSERT INTO row_history (change_id, table_name, row_key, before, after)\n"
                                        "        VALUES ((SELECT id FROM change WHERE state = 'open'), '" +
                                        table.name + "', " + key + ", " + before + ", " + after + ");\nEND");
    }
    return triggers;
}

std::vector<std::string> refresh_history_capture(Database& db) {
    auto present = present_triggers(db);
    std::vector<std::string> remade;
    for (const auto& table : versioned_tables(db)) {
        bool changed = false;
        for (const auto& [name, sql] : capture_triggers(table)) {
            auto it = present.find(name);
            if (it != present.end() && it->second == sql) {
                present.erase(it);
                continue;
            }
            if (it != present.end()) {
                db.exec("DROP TRIGGER " + name);
                present.erase(it);
            }
            db.exec(sql);
            changed = true;
        }
        if (changed) {
            record_rows_again(db, table);
            remade.push_back(table.name);
        }
    }
    for (const auto& [name, sql] : present)  // of tables a migration dropped
        db.exec("DROP TRIGGER " + name);
    return remade;
}

std::vector<std::string> capture_problems(const Database& db) {
    auto present = present_triggers(db);
    std::vector<std::string> problems;
    for (const auto& table : versioned_tables(db))
        for (const auto& [name, sql] : capture_triggers(table)) {
            auto it = present.find(name);
            if (it == present.end())
                problems.push_back("trigger " + name + " is missing: writes to " + table.name +
                                   " would not be recorded");
            else if (it->second != sql)
                problems.push_back("trigger " + name + " differs from what table " + table.name +
                                   " calls for (changed outside ropa)");
            if (it != present.end())
                present.erase(it);
        }
    for (const auto& [name, sql] : present)
        problems.push_back("trigger " + name + " belongs to no table of the register");
    return problems;
}

void require_history_capture(const Database& db) {
    PreparedStatement query(db,
        "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'history_*'),"
        " 3 * (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        "      AND name NOT IN ('change', 'row_history'))");
    query.executeStep();
    const auto present = query.getColumn(0).getInt64(), needed = query.getColumn(1).getInt64();
    if (present != needed)
        throw Error(Errc::storage, "the register's history capture is damaged (" + std::to_string(present) + " of " +
                                       std::to_string(needed) +
                                       " triggers present): nothing is written, so that no change goes unrecorded; "
                                       "`ropa verify` names what is missing");
}

} // namespace ropa::detail
