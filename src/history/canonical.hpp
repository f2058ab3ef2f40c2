#pragma once
// The canonical encoding of a change, which its SHA-256 (and so the chain) is computed over.
// docs/versioning.md specifies it; changing it breaks every existing chain.

#include <optional>
#include <string>
#include <vector>

namespace ropa::detail {

struct ChangeHeader {
    std::int64_t id = 0;
    std::string recorded_at;
    std::string actor;
    std::string reason;
    std::string prev_hash;  ///< "" for the first change
};

struct RowEffect {
    std::string table;
    std::string row_key;
    std::optional<std::string> before;  ///< json_object of the row, absent for an insert
    std::optional<std::string> after;   ///< absent for a delete
};

/// "ropa-change-1" then each item as a netstring (<length>:<bytes>,), absent values as "-".
std::string canonical_encoding(const ChangeHeader& header, const std::vector<RowEffect>& effects);

/// SHA-256 of the canonical encoding, 64 hex digits.
std::string change_hash(const ChangeHeader& header, const std::vector<RowEffect>& effects);

} // namespace ropa::detail
