// History in SQL, undone: the inverse of a sealed change, applied inside a new one.

#include <SQLiteCpp/Statement.h>

#include "storage/history_store.hpp"
#include "storage/record_store.hpp"

namespace ropa::detail {

namespace {

const VersionedTable* find_table(const std::vector<VersionedTable>& tables, const std::string& name) {
    for (const auto& table : tables)
        if (table.name == name)
            return &table;
    return nullptr;
}

}  // namespace

void apply_inverse(Database& db, Id change_id) {
    const auto tables = versioned_tables(db);
    auto effects = effects_of(db, change_id);
    // A row changed again after this change cannot be restored without losing that change.
    for (const auto& effect : effects) {
        if (effect.table == "tag")
            throw Error(Errc::validation, "change " + std::to_string(change_id) + " created tag " + effect.row_key +
                                              "; a tag names a version for good and cannot be undone");
        PreparedStatement later(db,
            "SELECT max(change_id) FROM row_history WHERE table_name = ? AND row_key = ? AND change_id > ?");
        later.bind(1, effect.table);
        later.bind(2, effect.row_key);
        later.bind(3, change_id);
        later.executeStep();
        if (!later.getColumn(0).isNull())
            throw Error(Errc::conflict, "change " + std::to_string(change_id) + " cannot be reverted: " +
                                            noun_of_table(effect.table) + " " + effect.row_key +
                                            " was changed again by change " + later.getColumn(0).getString() +
                                            "; revert that one first");
    }
    db.exec("PRAGMA defer_foreign_keys = ON");  // rows come back in reverse order; check at commit
    for (auto it = effects.rbegin(); it != effects.rend(); ++it) {
        const auto* table = find_table(tables, it->table);
        if (!table)
            throw Error(Errc::internal, "history names an unknown table " + it->table);
        std::string key_match;
        for (std::size_t i = 0; i < table->key_columns.size(); ++i)
            key_match += (i ? " AND " : "") + table->key_columns[i] + " = json_extract(?1, '$." +
                         table->key_columns[i] + "')";
        if (it->after) {  // undo an insert or an update: remove the row as it is now
            PreparedStatement remove(db, "DELETE FROM " + table->name + " WHERE " + key_match);
            remove.bind(1, *it->after);
            remove.exec();
        }
        if (it->before) {  // put the earlier version back
            std::string columns, values;
            bool has_revision = false;
            for (std::size_t i = 0; i < table->columns.size(); ++i) {
                columns += (i ? ", " : "") + table->columns[i];
                // Putting a record back is an edit: its revision moves on past any it had, so
                // an editor still holding an old revision is refused (the rows' data goes back).
                has_revision = has_revision || table->columns[i] == "revision";
                values += (i ? ", " : "") +
                          (table->columns[i] == "revision"
                               ? std::string("coalesce(json_extract(?2, '$.revision'), json_extract(?1, '$.revision')) + 1")
                               : "json_extract(?1, '$." + table->columns[i] + "')");
            }
            PreparedStatement insert(db, "INSERT INTO " + table->name + " (" + columns + ") VALUES (" + values + ")");
            insert.bind(1, *it->before);
            if (has_revision && it->after)
                insert.bind(2, *it->after);
            insert.exec();
        }
    }
}

} // namespace ropa::detail
