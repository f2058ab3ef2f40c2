#include "domain/purpose_matrix.hpp"

#include <map>
#include <string>

namespace ropa::detail {

PurposeMatrix build_purpose_matrix(std::vector<Purpose> purposes, std::vector<DataCategory> categories,
                                   const std::vector<PurposeCategoryLink>& links,
                                   std::vector<PurposeGroup> groups) {
    std::map<std::string, std::size_t, std::less<>> column_of;
    for (std::size_t i = 0; i < categories.size(); ++i)
        column_of[categories[i].code] = i;
    std::map<std::string, std::vector<const PurposeCategoryLink*>, std::less<>> links_of;
    for (const auto& link : links)
        links_of[link.purpose_code].push_back(&link);

    PurposeMatrix matrix;
    matrix.rows.reserve(purposes.size());
    for (auto& purpose : purposes) {
        PurposeMatrix::Row row{std::move(purpose), std::vector<std::optional<PurposeMatrix::Cell>>(categories.size())};
        if (auto found = links_of.find(row.purpose.code); found != links_of.end())
            for (const auto* link : found->second)
                if (auto column = column_of.find(link->data_category_code); column != column_of.end())
                    row.cells[column->second] = PurposeMatrix::Cell{link->note};
        matrix.rows.push_back(std::move(row));
    }
    matrix.columns = std::move(categories);
    matrix.groups = std::move(groups);
    return matrix;
}

} // namespace ropa::detail
