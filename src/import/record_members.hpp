#pragma once
// The top-level members of a ropa-record file beside its sections (json_import.cpp streams the
// sections): each small, read whole and checked, its faults refused with their JSON path.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/json_import.hpp"
#include "ropa/model.hpp"

namespace ropa::detail {

/// A seed file's "seed" member: {"name": a code, "title": the source document's title}.
SeedHeader seed_header_of(const nlohmann::json& object);
/// "acknowledgements": the warnings the file's DPO accepted, each with its code, subject,
/// reason, author and time.
std::vector<Acknowledgement> acknowledgements_from(const nlohmann::json& list);
/// "settings" (format version 4): the three settings, each of the right type; their values are
/// the library's to check.
Settings settings_from(const nlohmann::json& given);

} // namespace ropa::detail
