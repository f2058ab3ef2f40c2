#include "storage/migrator.hpp"

#include <map>
#include <string>
#include <tuple>

#include "core/log_internal.hpp"
#include "storage/embedded_resources.hpp"
#include "storage/history_capture.hpp"
#include "storage/history_store.hpp"

namespace ropa::detail {

int latest_schema_level() noexcept {
    const auto& migrations = embedded_migrations();
    return migrations.empty() ? 0 : migrations.back().level;
}

void apply_migration(Database& db, const EmbeddedMigration& migration, bool creating) {
    const std::string sql(migration.sql);
    if (migration.level <= 3 || creating) {
        // Level 3 opens history's first change itself, which records every row there is. On a
        // new register the later levels write into that same change: a register is created
        // in one change, whatever number of levels it took.
        db.exec(sql);
        if (migration.level >= 3)
            refresh_history_capture(db);
        if (migration.level == 3 && !creating)
            seal_open_change(db);
    } else {
        // Every later level that writes rows (or changes columns, or meets rows history lacks)
        // is a sealed change of its own, so its effects are in the chain; the capture triggers
        // follow the tables as it left them, and a table whose columns changed has every row
        // recorded again, so verify and as-of reads stay exact. A level that writes nothing (as
        // on a new register) leaves no empty change: it is applied again without one.
        db.exec("SAVEPOINT migration");
        open_change(db, {"ropa", "schema level " + std::to_string(migration.level) + ": " +
                                     std::string(migration.file_name)});
        db.exec(sql);
        refresh_history_capture(db);
        if (open_change_effects(db) > 0) {
            seal_open_change(db);
            db.exec("RELEASE migration");
        } else {
            db.exec("ROLLBACK TO migration");
            db.exec("RELEASE migration");
            db.exec(sql);
            refresh_history_capture(db);
        }
    }
    db.exec("PRAGMA user_version = " + std::to_string(migration.level));
}

std::vector<int> apply_pending_migrations(Connection& connection) {
    std::vector<int> applied;
    const bool created = in_write_transaction(connection, "create the register", [&] {
        if (connection.schema_level() != 0)
            return false;
        auto& db = connection.db();
        db.exec("PRAGMA application_id = " + std::to_string(ropa_application_id));
        for (const auto& migration : embedded_migrations()) {
            apply_migration(db, migration, true);
            applied.push_back(migration.level);
        }
        PreparedStatement reason(db, "UPDATE change SET reason = ? WHERE state = 'open'");
        reason.bind(1, "register created at schema level " + std::to_string(latest_schema_level()));
        reason.exec();
        seal_open_change(db);
        return true;
    });
    if (created) {
        logger()->info("created the register at schema level {}", latest_schema_level());
        return applied;
    }
    for (const auto& migration : embedded_migrations()) {
        // Re-read the level inside each transaction: another process may have migrated
        // the file meanwhile, and the IMMEDIATE lock makes the read-then-write safe.
        const bool done = in_write_transaction(connection, "migrate the register", [&] {
            const int level = connection.schema_level();
            if (level >= migration.level)
                return true;
            if (level == 0)
                connection.db().exec("PRAGMA application_id = " + std::to_string(ropa_application_id));
            apply_migration(connection.db(), migration);
            return false;
        });
        if (!done) {
            logger()->info("applied migration {}", migration.file_name);
            applied.push_back(migration.level);
        }
    }
    return applied;
}

namespace {

using SchemaEntry = std::tuple<std::string, std::string, std::string>;  // type, name, sql

std::map<std::string, SchemaEntry> schema_entries(const Database& db) {
    std::map<std::string, SchemaEntry> entries;
    PreparedStatement query(db,
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (query.executeStep())
        entries[query.getColumn(1).getString()] = {query.getColumn(0).getString(), query.getColumn(1).getString(),
                                                   query.getColumn(2).getString()};
    return entries;
}

} // namespace

std::vector<std::string> schema_problems(const Database& db, int level) {
    // The schema a level defines is the one its migrations make: replayed on an empty
    // database in memory, it is compared entry by entry (tables with their constraints,
    // indexes, triggers) with the file's.
    Database expected(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    expected.exec("PRAGMA foreign_keys = ON");
    for (const auto& migration : embedded_migrations())
        if (migration.level <= level) {
            SQLite::Transaction transaction(expected);
            apply_migration(expected, migration);
            transaction.commit();
        }
    auto wanted = schema_entries(expected);
    std::vector<std::string> problems;
    for (const auto& [name, entry] : schema_entries(db)) {
        const auto& [type, entry_name, sql] = entry;
        auto it = wanted.find(name);
        if (it == wanted.end())
            problems.push_back("schema: " + type + " " + name + " is not part of schema level " +
                               std::to_string(level) + " (added outside ropa)");
        else if (it->second != entry)
            problems.push_back("schema: " + type + " " + name + " differs from schema level " +
                               std::to_string(level) + " (changed outside ropa)");
        if (it != wanted.end())
            wanted.erase(it);
    }
    for (const auto& [name, entry] : wanted)
        problems.push_back("schema: " + std::get<0>(entry) + " " + name + " of schema level " + std::to_string(level) +
                           " is missing (dropped outside ropa)");
    return problems;
}

} // namespace ropa::detail
