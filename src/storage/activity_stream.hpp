#pragma once
// Every activity with everything an export needs about it, one at a time.

#include <functional>

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "ropa/entity.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Every activity in code order with its links and retention rows, read one at a time: memory
/// does not grow with the register. Run it inside one read transaction. With `only`, that
/// activity alone (the same queries, each kept to its rows).
void for_each_activity(const Database& db, const std::function<void(const ActivityRecord&)>& visit,
                       std::optional<Id> only = std::nullopt);

} // namespace ropa::detail
