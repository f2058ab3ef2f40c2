#pragma once
// Reads of the controller, the legal catalogue, purposes, categories and their allowed links.

#include <optional>
#include <vector>

#include "ropa/model.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

std::optional<Controller> read_controller(const Database& db);
std::vector<LegalBasis> read_legal_bases(const Database& db);
std::vector<TransferTool> read_transfer_tools(const Database& db);
std::vector<LegalSource> read_legal_sources(const Database& db);
std::vector<PurposeGroup> read_purpose_groups(const Database& db);
std::vector<Purpose> read_purposes(const Database& db);
std::vector<DataCategory> read_data_categories(const Database& db);
std::vector<PurposeCategoryLink> read_purpose_category_links(const Database& db);
std::vector<PurposeBasisLink> read_purpose_basis_links(const Database& db);
std::vector<PurposeSourceLink> read_purpose_source_links(const Database& db);

/// Row counts of every table, by table name.
std::vector<TableCount> count_rows(const Database& db);

} // namespace ropa::detail
