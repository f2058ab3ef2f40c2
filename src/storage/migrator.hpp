#pragma once

#include <vector>

#include "storage/connection.hpp"

namespace ropa::detail {

/// The newest level among the embedded migrations.
int latest_schema_level() noexcept;

/// Applies every embedded migration above the file's level, each in its own IMMEDIATE
/// transaction that also sets PRAGMA user_version (and, from level 0, application_id), so
/// that a crash leaves the file at a whole level. Returns the levels applied.
std::vector<int> apply_pending_migrations(Connection& connection);

} // namespace ropa::detail
