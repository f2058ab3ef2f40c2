#pragma once
// The canonical encoding of a change, which its SHA-256 (and so the chain) is computed over.
// docs/versioning.md specifies it; changing it breaks every existing chain.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "history/sha256.hpp"

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

/// "ropa-change-1" then each item as a netstring (<length>:<bytes>,), absent values as "-":
/// the bytes ChangeHasher hashes, whole (for tests and tools; ropa itself never builds it).
std::string canonical_encoding(const ChangeHeader& header, const std::vector<RowEffect>& effects);

/// SHA-256 of the canonical encoding (64 hex digits), computed as the effects come: the
/// encoding goes to SHA-256 in pieces of about 64 KB, so a change of any size (an import of
/// 100,000 activities writes some 2 million effects) is sealed and verified in constant
/// memory. Every effect the header counted must be added, in order, before hex_digest().
class ChangeHasher {
public:
    ChangeHasher(const ChangeHeader& header, std::size_t effect_count);
    void add(const RowEffect& effect);
    std::string hex_digest();

private:
    void flush_if_full();

    Sha256 hash_;
    std::string pending_;  ///< encoded, not yet hashed
    std::size_t expected_;
    std::size_t added_ = 0;
};

/// What a tag's signature covers: "ropa-tag-1" and netstrings of the tag's name, the id of
/// the change it names and that change's hash (docs/versioning.md).
std::string tag_signature_message(const std::string& tag, std::int64_t change_id, const std::string& change_hash);

/// What an export's signature covers: "ropa-export-1" and netstrings of the exported file's
/// SHA-256, the format's name, the language ("" for each text's own), "approved-only" or
/// "all", the version its changes section starts from ("" for none), and the id, hash and time
/// of the change the export shows (docs/versioning.md).
struct ExportStatement {
    std::string file_sha256;
    std::string format;
    std::string lang;
    bool approved_only = false;
    std::string since;
    std::int64_t change_id = 0;
    std::string change_hash;
    std::string recorded_at;
};
std::string export_signature_message(const ExportStatement& statement);

} // namespace ropa::detail
