#pragma once
// The warnings the DPO has accepted (table `acknowledgement`, schema level 8).

#include <vector>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// By finding code, then subject.
std::vector<Acknowledgement> read_acknowledgements(const Database& db);
/// Adds it, or replaces the reason, author and time of the one for the same finding and subject.
void write_acknowledgement(Database& db, const Acknowledgement& acknowledgement);
/// Returns whether there was one to remove.
bool delete_acknowledgement(Database& db, std::string_view finding_code, std::string_view subject);

} // namespace ropa::detail
