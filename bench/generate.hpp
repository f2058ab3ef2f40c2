#pragma once
// Synthetic registers for the benchmarks: realistic fan-out, deterministic for a given seed.

#include <cstddef>
#include <filesystem>

namespace ropa::bench {

/// Creates `path` (which must not exist) with a controller, 40 purposes, 30 data categories
/// (allowed links: each purpose allows 10), 15 data-subject and 15 recipient categories, and
/// `activities` activities of 1-3 purposes, 2-6 data categories (among those allowed),
/// 1-3 subjects, 1-3 recipients and one retention row per data category, written in changes
/// of 1,000 activities.
void generate_register(const std::filesystem::path& path, std::size_t activities, unsigned seed = 42);

} // namespace ropa::bench
