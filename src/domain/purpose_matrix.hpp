#pragma once

#include <vector>

#include "ropa/model.hpp"

namespace ropa::detail {

/// The annex view: one row per purpose, one column per data category, a cell where the
/// purpose may use the category. Inputs are taken as given (ordered by code).
PurposeMatrix build_purpose_matrix(std::vector<Purpose> purposes, std::vector<DataCategory> categories,
                                   const std::vector<PurposeCategoryLink>& links,
                                   std::vector<PurposeGroup> groups);

} // namespace ropa::detail
