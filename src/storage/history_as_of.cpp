// The register as it was after any change, rebuilt from the sealed history alone (docs/
// versioning.md, "Reading the past"): never by undoing newer changes on the live tables.

#include <algorithm>
#include <map>

#include <SQLiteCpp/Statement.h>

#include "storage/history_store.hpp"

namespace ropa::detail {

namespace {

/// Fills temp.wanted of `snapshot` (the register attached as src) with the rows a diff over
/// `range` reads: every row a change in the range touched, then, until nothing is added, the
/// rows those need to be read as records and links:
/// - the row each foreign key names (a record's texts, a reference's record, a link's two ends);
/// - a text's translations (rows keyed first by a reference to localized_text);
/// - a link's citations and a citation's link (a table whose key extends another's).
/// A row is taken with every image it had up to the newer version, so the selection is the
/// same for both versions; rows the range did not touch read the same in both. A text changes
/// only with the record or link that owns it (every write to a text rewrites its owner's row:
/// a record's revision, a link's note id), so the records a text change touches are selected.
void select_rows_of_range(Database& snapshot, const std::vector<VersionedTable>& tables, ChangeRange range) {
    snapshot.exec("CREATE TEMP TABLE wanted (table_name TEXT NOT NULL, row_key TEXT NOT NULL,"
                  " PRIMARY KEY (table_name, row_key)) WITHOUT ROWID");
    {
        SQLite::Statement touched(snapshot,
            "INSERT OR IGNORE INTO temp.wanted SELECT table_name, row_key FROM src.row_history"
            " WHERE change_id > ?1 AND change_id <= ?2 AND table_name <> 'tag'");
        touched.bind(1, range.after);
        touched.bind(2, range.up_to);
        touched.exec();
    }
    auto quoted = [](const std::string& name) { return "'" + name + "'"; };
    // each image up to the newer version of a selected row of `table` (CROSS JOIN: from the few
    // rows selected into the history's index, never the other way round)
    auto images_of = [&](const std::string& table) {
        return " FROM temp.wanted w CROSS JOIN src.row_history h ON h.table_name = w.table_name AND h.row_key = w.row_key"
               " AND h.change_id <= ?1 WHERE w.table_name = " + quoted(table) + " AND h.after IS NOT NULL";
    };
    auto key_of = [](const std::vector<std::string>& columns) {
        std::string key;
        for (std::size_t i = 0; i < columns.size(); ++i)
            key += (i ? " || ':' || " : "") + std::string("CAST(json_extract(h.after, '$.") + columns[i] + "') AS TEXT)";
        return key;
    };
    std::vector<std::string> rules;
    for (const auto& table : tables) {
        SQLite::Statement keys(snapshot, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)");
        keys.bind(1, table.name);
        while (keys.executeStep()) {
            const std::string column = keys.getColumn(0).getString(), target = keys.getColumn(1).getString();
            rules.push_back("INSERT OR IGNORE INTO temp.wanted SELECT " + quoted(target) + ", " + key_of({column}) +
                            images_of(table.name) + " AND json_extract(h.after, '$." + column + "') IS NOT NULL");
            if (target == "localized_text" && !table.key_columns.empty() && table.key_columns.front() == column)
                rules.push_back("INSERT OR IGNORE INTO temp.wanted SELECT DISTINCT " + quoted(table.name) +
                                ", h.row_key FROM temp.wanted w CROSS JOIN src.row_history h ON h.table_name = " +
                                quoted(table.name) + " AND h.row_key >= w.row_key || ':' AND h.row_key < w.row_key || ';'"
                                " AND h.change_id <= ?1 WHERE w.table_name = 'localized_text'");
        }
        for (const auto& parent : tables) {
            const auto& short_key = parent.key_columns;
            if (short_key.size() < 2 || short_key.size() >= table.key_columns.size() ||
                !std::equal(short_key.begin(), short_key.end(), table.key_columns.begin()))
                continue;
            rules.push_back("INSERT OR IGNORE INTO temp.wanted SELECT " + quoted(parent.name) + ", " + key_of(short_key) +
                            images_of(table.name));
            rules.push_back("INSERT OR IGNORE INTO temp.wanted SELECT DISTINCT " + quoted(table.name) +
                            ", h.row_key FROM temp.wanted w CROSS JOIN src.row_history h ON h.table_name = " +
                            quoted(table.name) + " AND h.row_key >= w.row_key || ':' AND h.row_key < w.row_key || ';'"
                            " AND h.change_id <= ?1 WHERE w.table_name = " + quoted(parent.name));
        }
    }
    for (bool added = true; added;) {
        added = false;
        for (const auto& rule : rules) {
            SQLite::Statement statement(snapshot, rule);
            statement.bind(1, range.up_to);
            added = statement.exec() > 0 || added;
        }
    }
}

}  // namespace

std::unique_ptr<Database> materialize(const Database& db, const std::filesystem::path& path, Id change_id,
                                      std::optional<ChangeRange> only) {
    // A temporary database (SQLite deletes it on close): kept in the page cache while small, on
    // disk when large, so reading an old version of a large register does not fill memory.
    auto snapshot = std::make_unique<Database>("", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    const auto tables = versioned_tables(db);
    {
        PreparedStatement schema(db,
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            " AND name NOT IN ('change', 'row_history', 'tag')");
        while (schema.executeStep())
            snapshot->exec(schema.getColumn(0).getString());
    }
    // Read-only; on a file whose folder the user cannot write, immutable (see open_read_only).
    try {
        SQLite::Statement attach(*snapshot, "ATTACH DATABASE ? AS src");
        attach.bind(1, file_uri(path, "mode=ro"));
        attach.exec();
        snapshot->execAndGet("SELECT count(*) FROM src.sqlite_schema");
    } catch (const SQLite::Exception&) {
        try {
            snapshot->exec("DETACH DATABASE src");
        } catch (const SQLite::Exception&) {
        }
        SQLite::Statement attach(*snapshot, "ATTACH DATABASE ? AS src");
        attach.bind(1, file_uri(path, "immutable=1"));
        attach.exec();
    }
    snapshot->exec("PRAGMA main.cache_size = -16384");  // the snapshot's pages while it is built
    snapshot->exec("BEGIN");
    if (only)
        select_rows_of_range(*snapshot, tables, *only);
    const std::string selected =
        only ? " AND row_key IN (SELECT row_key FROM temp.wanted WHERE table_name = ?1)" : "";
    for (const auto& table : tables) {
        if (table.name == "tag")
            continue;  // tags are history's own: sealed in the chain, not part of a version's content
        // A column added by a later level is absent from the images recorded before it: such a
        // row reads with the column's default, as the migration gave it to the rows it found.
        std::map<std::string, std::string> defaults;
        {
            SQLite::Statement info(*snapshot, "SELECT name, dflt_value FROM pragma_table_info(?)");
            info.bind(1, table.name);
            while (info.executeStep())
                if (!info.getColumn(1).isNull())
                    defaults[info.getColumn(0).getString()] = info.getColumn(1).getString();
        }
        std::string columns, values;
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const std::string& column = table.columns[i];
            const std::string extract = "json_extract(h.after, '$." + column + "')";
            columns += (i ? ", " : "") + column;
            const auto fallback = defaults.find(column);
            values += (i ? ", " : "") +
                      (fallback == defaults.end()
                           ? extract
                           : "CASE WHEN json_type(h.after, '$." + column + "') IS NULL THEN " + fallback->second +
                                 " ELSE " + extract + " END");
        }
        // Each row's latest version at or before the change: one pass over row_history_by_row
        // (seq, the rowid, is in the index), then each chosen entry read by its rowid.
        SQLite::Statement fill(*snapshot,
            "INSERT INTO main." + table.name + " (" + columns + ") SELECT " + values +
                " FROM (SELECT max(seq) AS seq FROM src.row_history WHERE table_name = ?1 AND change_id <= ?2" +
                selected + " GROUP BY row_key) latest JOIN src.row_history h ON h.seq = latest.seq WHERE h.after IS NOT NULL");
        fill.bind(1, table.name);
        fill.bind(2, change_id);
        fill.exec();
    }
    // Before level 6 a basis link cited at most one source, in its own legal_source_id column;
    // level 6 moved citations to tables of their own. A version from before reads its
    // citations from the link rows as they were then (images recorded since carry no such key).
    for (const auto& [link_table, owner_column] : {std::pair<std::string, std::string>{"purpose_legal_basis", "purpose_id"},
                                                   {"activity_legal_basis", "activity_id"}}) {
        SQLite::Statement upcast(*snapshot,
            "INSERT OR IGNORE INTO main." + link_table + "_legal_source (" + owner_column +
                ", legal_basis_id, legal_source_id) SELECT json_extract(h.after, '$." + owner_column +
                "'), json_extract(h.after, '$.legal_basis_id'), json_extract(h.after, '$.legal_source_id')"
                " FROM (SELECT max(seq) AS seq FROM src.row_history WHERE table_name = ?1 AND change_id <= ?2" +
                selected + " GROUP BY row_key) latest JOIN src.row_history h ON h.seq = latest.seq"
                " WHERE h.after IS NOT NULL AND json_extract(h.after, '$.legal_source_id') IS NOT NULL");
        upcast.bind(1, link_table);
        upcast.bind(2, change_id);
        upcast.exec();
    }
    {
        // the indexes too, after the rows (cheaper), so reads of the snapshot plan as on the file
        SQLite::Statement indexes(*snapshot,
            "SELECT sql FROM src.sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name NOT IN ('change', 'row_history', 'tag')");
        std::vector<std::string> statements;
        while (indexes.executeStep())
            statements.push_back(indexes.getColumn(0).getString());
        for (const auto& sql : statements)
            snapshot->exec(sql);
    }
    if (only)
        snapshot->exec("DROP TABLE temp.wanted");
    snapshot->exec("COMMIT");
    snapshot->exec("DETACH DATABASE src");
    // The snapshot is at the file's schema level, so the same reads accept it.
    const auto level = const_cast<Database&>(db).execAndGet("PRAGMA user_version").getInt();
    snapshot->exec("PRAGMA user_version = " + std::to_string(level));
    return snapshot;
}

} // namespace ropa::detail
