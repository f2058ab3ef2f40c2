// ropa verify's reading of the file: integrity, the chain recomputed, and every row compared
// with its history by value (docs/versioning.md, "ropa verify").

#include <tuple>

#include <SQLiteCpp/Statement.h>

#include "storage/history_store.hpp"

namespace ropa::detail {

namespace {

/// Whether the row image `image` (history's JSON text) holds the same values as the columns
/// given as `values` + column name (the columns of the row compared, selected under those
/// names): each column present with an equal value, and no other. Verify compares
/// values, so that a change in how SQLite spells JSON (number or escape formatting) is not
/// taken for rows edited outside ropa; it runs only where the texts differ.
std::string same_values_sql(const VersionedTable& table, const std::string& image, const std::string& values) {
    std::string sql = "((SELECT count(*) FROM json_each(" + image + ")) = " + std::to_string(table.columns.size());
    for (const auto& column : table.columns)
        sql += " AND json_type(" + image + ", '$.\"" + column + "\"') IS NOT NULL AND json_extract(" + image +
               ", '$.\"" + column + "\"') IS " + values + column;
    return sql + ")";
}

} // namespace

VerifyReport verify_history(Database& db) {
    VerifyReport report;
    {
        PreparedStatement integrity(db, "PRAGMA integrity_check");
        while (integrity.executeStep())
            if (auto line = integrity.getColumn(0).getString(); line != "ok")
                report.problems.push_back("integrity_check: " + line);
        PreparedStatement keys(db, "PRAGMA foreign_key_check");
        while (keys.executeStep())
            report.problems.push_back("foreign_key_check: " + keys.getColumn(0).getString() + " row " +
                                      keys.getColumn(1).getString() + " refers to a missing " +
                                      keys.getColumn(2).getString());
    }
    // The chain.
    {
        PreparedStatement changes(db,
            "SELECT id, state, coalesce(hash, ''), coalesce(prev_hash, ''), recorded_at FROM change ORDER BY id");
        std::string previous, previous_time;
        Id previous_id = 0;
        std::vector<std::tuple<Id, std::string, std::string, std::string, std::string>> rows;
        while (changes.executeStep())
            rows.emplace_back(changes.getColumn(0).getInt64(), changes.getColumn(1).getString(),
                              changes.getColumn(2).getString(), changes.getColumn(3).getString(),
                              changes.getColumn(4).getString());
        for (const auto& [id, state, hash, prev, recorded_at] : rows) {
            report.changes_checked++;
            const std::string which = "change " + std::to_string(id);
            // Changes are numbered without gaps and recorded in time order (open_change never
            // lets time go backwards): a gap or a step back is a change removed or inserted.
            if (id != previous_id + 1)
                report.problems.push_back(which + " follows change " + std::to_string(previous_id) +
                                          ": the changes between them are missing");
            if (recorded_at < previous_time)
                report.problems.push_back(which + " is recorded at " + recorded_at + ", before the change preceding it (" +
                                          previous_time + "): inserted or re-dated outside ropa");
            previous_id = id;
            previous_time = recorded_at;
            if (state != "sealed") {
                report.problems.push_back(which + " is not sealed: written outside ropa, or left open");
                continue;
            }
            if (prev != previous)
                report.problems.push_back(which + ": its previous-hash does not match change before it (a change "
                                                  "was removed, inserted or rewritten)");
            if (hash_of_change(db, id) != hash)
                report.problems.push_back(which + ": its content does not match its hash (its history, actor, time "
                                                  "or reason was edited outside ropa)");
            previous = hash;
        }
        // AUTOINCREMENT remembers the highest id ever given: newer changes cut off the end of
        // the chain (a truncated history) leave it above the last change.
        PreparedStatement counter(db, "SELECT seq FROM sqlite_sequence WHERE name = 'change'");
        if (counter.executeStep() && counter.getColumn(0).getInt64() > previous_id)
            report.problems.push_back("changes after " + std::to_string(previous_id) + " are missing: change " +
                                      counter.getColumn(0).getString() +
                                      " was recorded once (history truncated outside ropa)");
    }
    // Every row against the history.
    for (const auto& table : versioned_tables(db)) {
        const std::string latest =
            "SELECT h.row_key AS k, h.after AS j FROM row_history h WHERE h.table_name = ?1 AND h.seq = "
            "(SELECT max(x.seq) FROM row_history x WHERE x.table_name = ?1 AND x.row_key = h.row_key)";
        std::string actual = "SELECT " + row_key_sql(table, "t") + " AS k, " + row_image_sql(table, "t") + " AS j";
        for (const auto& column : table.columns)
            actual += ", t." + column + " AS v_" + column;
        actual += " FROM " + table.name + " t";
        PreparedStatement rows(db, "SELECT count(*) FROM " + table.name);
        rows.executeStep();
        report.rows_checked += static_cast<std::size_t>(rows.getColumn(0).getInt64());
        PreparedStatement differing(db,
            "SELECT a.k, l.j IS NULL FROM (" + actual + ") a LEFT JOIN (" + latest +
                ") l ON l.k = a.k WHERE l.j IS NULL OR (l.j IS NOT a.j AND NOT " + same_values_sql(table, "l.j", "a.v_") +
                ") ORDER BY a.k");
        differing.bind(1, table.name);
        while (differing.executeStep())
            report.problems.push_back(table.name + " row " + differing.getColumn(0).getString() +
                                      (differing.getColumn(1).getInt() ? " was inserted outside ropa (no history)"
                                                                       : " was edited outside ropa"));
        // NOT IN, not a correlated NOT EXISTS: SQLite builds the table's keys once into a
        // temporary index, where NOT EXISTS rescanned the table for every history row
        // (quadratic: minutes for a register of 10,000 activities). Keys are never NULL.
        PreparedStatement missing(db,
            "SELECT l.k FROM (" + latest + ") l WHERE l.j IS NOT NULL AND l.k NOT IN (SELECT a.k FROM (" + actual +
                ") a WHERE a.k IS NOT NULL) ORDER BY l.k");
        missing.bind(1, table.name);
        while (missing.executeStep())
            report.problems.push_back(table.name + " row " + missing.getColumn(0).getString() +
                                      " was deleted outside ropa");
    }
    return report;
}

} // namespace ropa::detail
