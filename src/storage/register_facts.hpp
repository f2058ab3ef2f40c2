#pragma once
// What a register file says about itself: how many rows each table holds, and which seeds were
// loaded into it (table `seed_applied`, in history like every other table).

#include <string>
#include <string_view>
#include <vector>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Row counts of every table, by table name.
std::vector<TableCount> count_rows(const Database& db);

/// True if a seed of this name was applied to the register.
bool seed_applied(const Database& db, std::string_view name);

/// Names of the seeds applied, by name.
std::vector<std::string> seeds_applied(const Database& db);

/// Records that seed `name` (whose file has SHA-256 `sha256`) was applied; inside the change
/// that loads it.
void mark_seed_applied(Database& db, std::string_view name, std::string_view sha256);

} // namespace ropa::detail
