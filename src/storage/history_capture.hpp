#pragma once
// How history is captured: one AFTER INSERT, UPDATE and DELETE trigger per versioned table,
// each derived from the table's columns as they are now, never from a hand-kept list. The
// migrator rebuilds them after every schema change, verify compares them with what the tables
// call for, and every write first checks that they are all there.

#include <string>
#include <vector>

#include "storage/history_store.hpp"

namespace ropa::detail {

/// The three capture triggers of `table`, as sqlite_schema holds them (CREATE TRIGGER ...,
/// no trailing semicolon): each writes the row's key and its before and after images, encoded
/// as json_object() of every column in table order, into row_history under the open change,
/// and refuses a write made while no change is open. Migration 0003 holds the same text.
std::vector<std::pair<std::string, std::string>> capture_triggers(const VersionedTable& table);

/// Makes every versioned table's capture triggers match its columns, and drops capture
/// triggers of tables that no longer exist. Returns the tables whose triggers were (re)made.
/// Called inside the migration's transaction, after its SQL.
std::vector<std::string> refresh_history_capture(Database& db);

/// What differs between the capture triggers present and those the tables call for, one line
/// each ("trigger history_translation_update is missing"); empty when they match.
std::vector<std::string> capture_problems(const Database& db);

/// Throws Error{storage} unless every versioned table has its three capture triggers: a write
/// without them would be lost from history (or, as the first trial found, rolled back while
/// ropa reported it done). One query on sqlite_schema; verify checks their text.
void require_history_capture(const Database& db);

} // namespace ropa::detail
