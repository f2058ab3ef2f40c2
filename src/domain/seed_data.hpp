#pragma once
// A seed as the library understands it, after parsing and validation (src/import) and
// before it is written (src/storage/seed_writer).

#include <string>
#include <vector>

#include "ropa/model.hpp"

namespace ropa::detail {

struct SeedGroup {
    PurposeGroup group;
    std::vector<std::string> legal_basis_codes;  ///< bases the group's label names
};

struct SeedData {
    std::string name;
    std::string title;
    std::string sha256;
    Controller controller;
    std::vector<LegalSource> legal_sources;
    std::vector<DataCategory> data_categories;
    std::vector<SeedGroup> groups;
    std::vector<Purpose> purposes;  ///< in source order
    std::vector<PurposeCategoryLink> category_links;
    std::vector<PurposeBasisLink> basis_links;
    std::vector<PurposeSourceLink> source_links;
};

} // namespace ropa::detail
