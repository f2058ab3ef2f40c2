#pragma once

#include <string>
#include <vector>

#include "storage/connection.hpp"

namespace ropa::detail {

/// The newest level among the embedded migrations.
int latest_schema_level() noexcept;

/// Applies every embedded migration above the file's level, each in its own IMMEDIATE
/// transaction that also sets PRAGMA user_version (and, from level 0, application_id), so
/// that a crash leaves the file at a whole level. A new file (level 0) takes every level in
/// one transaction, and its history starts with one change: the register as created.
/// Returns the levels applied.
std::vector<int> apply_pending_migrations(Connection& connection);

struct EmbeddedMigration;
/// One migration on `db`, inside the caller's transaction: its SQL, then (from level 3) the
/// history capture refreshed and the change sealed, then user_version. With `creating`, the
/// change history begins with stays open, for the levels after it and create's seal.
void apply_migration(Database& db, const EmbeddedMigration& migration, bool creating = false);

/// How the file's schema (tables, indexes, triggers, views) differs from the one schema level
/// `level` defines, one line each; empty when it is the same.
std::vector<std::string> schema_problems(const Database& db, int level);

} // namespace ropa::detail
