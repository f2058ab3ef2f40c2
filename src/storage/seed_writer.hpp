#pragma once

#include <string_view>

#include "domain/seed_data.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// True if a seed of this name was applied to the register.
bool seed_applied(const Database& db, std::string_view name);

/// Names of the seeds applied, by name.
std::vector<std::string> seeds_applied(const Database& db);

/// Writes every record of `seed` and marks it applied. Call inside a write transaction:
/// it throws on the first problem (a code taken, an unknown legal basis) and relies on the
/// transaction to undo what it wrote.
void write_seed(Database& db, const SeedData& seed);

} // namespace ropa::detail
