#pragma once
// The register-wide settings (table `setting`, schema level 6): absent means the default.

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

Settings read_settings(const Database& db);
/// Writes the settings that differ from those stored; returns whether anything was written.
bool write_settings(Database& db, const Settings& settings);

} // namespace ropa::detail
