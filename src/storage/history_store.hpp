#pragma once
// History in SQL: the versioned tables, opening and sealing changes (history_store.cpp); the
// version shown, versions by name, the log and tags (history_log.cpp); revert
// (history_revert.cpp); the as-of state (history_as_of.cpp); verify (history_verify.cpp); when
// each activity was recorded and changed (history_dates.cpp).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/canonical.hpp"
#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// A table whose rows history records: every table but change and row_history. Tags are
/// recorded too, so that the chain seals them; they are not part of a version's content.
struct VersionedTable {
    std::string name;
    std::vector<std::string> columns;      ///< in table order
    std::vector<std::string> key_columns;  ///< primary key, in key order
};

std::vector<VersionedTable> versioned_tables(const Database& db);

/// The one encoding of a row in history, as SQL over the row named `alias` ("NEW", "t"):
/// json_object() of every column in table order. The capture triggers write it, migrations
/// record rows again with it, and verify compares with it.
std::string row_image_sql(const VersionedTable& table, const std::string& alias);
/// The row's key as history stores it: its key columns joined with ':', as text.
std::string row_key_sql(const VersionedTable& table, const std::string& alias);

/// Opens the change the current transaction writes under; returns its id.
Id open_change(Database& db, const ChangeRequest& change);
/// Rows the open change has touched so far.
std::size_t open_change_effects(const Database& db);
/// Seals the open change, if any: computes its hash over the previous hash and its effects.
void seal_open_change(Database& db);
/// A sealed change's hash recomputed from its stored header and effects (read one at a time).
std::string hash_of_change(const Database& db, Id change_id);

/// The newest sealed change that shows the register's content (a change that only made a tag
/// does not), if history has begun: the version the register shows.
std::optional<Id> latest_change(const Database& db);
/// A change id, a tag, a change's chain hash, or an ISO 8601 date or time (the state recorded at that moment; a date
/// alone means the end of that day, UTC). Throws Error{not_found}.
Id resolve_version(const Database& db, std::string_view ref);

/// One change; its `summary` counts the change's rows, a cost that grows with the change, so it
/// is left empty unless asked for.
ChangeInfo read_change(const Database& db, Id change_id, bool with_summary = true);
/// Changes, newest first; with `up_to`, only that change and those before it.
std::vector<ChangeInfo> list_changes(const Database& db, const LogFilter& filter,
                                     std::optional<Id> up_to = std::nullopt);
/// When each activity was recorded and last changed, in activity id order, counting the changes
/// up to `up_to` that touched its row, its links or its retention rows (history_dates.cpp).
std::vector<RecordDates> activity_dates(const Database& db, Id up_to);

std::vector<RowEffect> effects_of(const Database& db, Id change_id);

/// `signer_key` and `signature`: hex, both "" for an unsigned tag.
void create_tag(Database& db, const TagInfo& tag);
/// The change whose sealed hash is `hash`, if any.
std::optional<Id> change_with_hash(const Database& db, const std::string& hash);
std::vector<TagInfo> list_tags(const Database& db);

/// Changes (first, last]: what a diff between two versions reads.
struct ChangeRange {
    Id after;  ///< the older version
    Id up_to;  ///< the newer one
};

/// A new temporary database holding the register as it was after change `change_id`, rebuilt
/// from row_history of the file at `path` (history_as_of.cpp). With `only`, it holds only the
/// rows those changes touched and the rows needed to read them as records and links (the rows
/// they refer to, a text's translations, a link's citations): a diff between the range's two
/// versions then costs in proportion to the change, not the register.
std::unique_ptr<Database> materialize(const Database& db, const std::filesystem::path& path, Id change_id,
                                      std::optional<ChangeRange> only = std::nullopt);

/// Recomputes the chain, runs integrity_check and foreign_key_check, and compares every row
/// of every table with what history says it should be (history_verify.cpp).
VerifyReport verify_history(Database& db);

/// Throws Error{storage} unless every versioned table has its capture triggers
/// (storage/history_capture.hpp).
void require_history_capture(const Database& db);

/// Applies the inverse of change `change_id` (inside the open change). Throws Error{conflict}
/// if a row it touched was changed again later.
void apply_inverse(Database& db, Id change_id);

/// Runs `work` as one change: one IMMEDIATE transaction that opens a change, runs the writes
/// (which the triggers record), and seals the change. A change that touched nothing is rolled
/// back and leaves no trace; returns false then.
template <class Work>
bool in_change(Connection& connection, const ChangeRequest& change, std::string_view doing, Work&& work) {
    struct NothingChanged {};
    try {
        in_write_transaction(connection, doing, [&] {
            require_history_capture(connection.db());
            open_change(connection.db(), change);
            work();
            if (open_change_effects(connection.db()) == 0)
                throw NothingChanged{};
            seal_open_change(connection.db());
        });
        return true;
    } catch (const NothingChanged&) {
        return false;
    }
}

} // namespace ropa::detail
