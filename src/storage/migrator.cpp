#include "storage/migrator.hpp"

#include <string>

#include "log_internal.hpp"
#include "storage/history_store.hpp"
#include "storage/embedded_resources.hpp"

namespace ropa::detail {

int latest_schema_level() noexcept {
    const auto& migrations = embedded_migrations();
    return migrations.empty() ? 0 : migrations.back().level;
}

std::vector<int> apply_pending_migrations(Connection& connection) {
    std::vector<int> applied;
    for (const auto& migration : embedded_migrations()) {
        // Re-read the level inside each transaction: another process may have migrated
        // the file meanwhile, and the IMMEDIATE lock makes the read-then-write safe.
        const bool done = in_write_transaction(connection, "migrate the register", [&] {
            const int level = connection.schema_level();
            if (level >= migration.level)
                return true;
            if (level == 0)
                connection.db().exec("PRAGMA application_id = " + std::to_string(ropa_application_id));
            connection.db().exec(std::string(migration.sql));
            // A migration that records history (level 3 and later) leaves its change open
            // for ropa to seal: SQL cannot compute the hash.
            if (migration.level >= 3)
                seal_open_change(connection.db());
            connection.db().exec("PRAGMA user_version = " + std::to_string(migration.level));
            return false;
        });
        if (!done) {
            logger()->info("applied migration {}", migration.file_name);
            applied.push_back(migration.level);
        }
    }
    return applied;
}

} // namespace ropa::detail
