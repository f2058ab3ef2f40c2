#pragma once

#include <string_view>

#include "domain/seed_data.hpp"

namespace ropa::detail {

/// Parses and validates a seed file (seed/NAME.json, format in seed/README.md). Throws
/// Error{validation} naming the JSON path of the first fault; never returns partial data.
SeedData parse_seed(std::string_view name, std::string_view json_text);

} // namespace ropa::detail
