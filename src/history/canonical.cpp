#include "history/canonical.hpp"

#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

void netstring(std::string& out, const std::string& item) {
    out += std::to_string(item.size());
    out += ':';
    out += item;
    out += ',';
}

void optional_netstring(std::string& out, const std::optional<std::string>& item) {
    if (item)
        netstring(out, *item);
    else
        out += '-';
}

// The encoding in two parts, appended to `out`: the header with the number of effects, then
// each effect. canonical_encoding and ChangeHasher both write through these, so the bytes
// hashed are the same whichever is used.
void encode_header(std::string& out, const ChangeHeader& header, std::size_t effect_count) {
    out += "ropa-change-1";
    netstring(out, std::to_string(header.id));
    netstring(out, header.recorded_at);
    netstring(out, header.actor);
    netstring(out, header.reason);
    netstring(out, header.prev_hash);
    netstring(out, std::to_string(effect_count));
}

void encode_effect(std::string& out, const RowEffect& effect) {
    netstring(out, effect.table);
    netstring(out, effect.row_key);
    optional_netstring(out, effect.before);
    optional_netstring(out, effect.after);
}

constexpr std::size_t hash_piece = 64 * 1024;

} // namespace

std::string canonical_encoding(const ChangeHeader& header, const std::vector<RowEffect>& effects) {
    std::string out;
    encode_header(out, header, effects.size());
    for (const auto& effect : effects)
        encode_effect(out, effect);
    return out;
}

ChangeHasher::ChangeHasher(const ChangeHeader& header, std::size_t effect_count) : expected_(effect_count) {
    pending_.reserve(hash_piece + 4096);
    encode_header(pending_, header, effect_count);
    flush_if_full();
}

void ChangeHasher::add(const RowEffect& effect) {
    ++added_;
    encode_effect(pending_, effect);
    flush_if_full();
}

std::string ChangeHasher::hex_digest() {
    // A count that disagrees with the effects added would hash an encoding no other reader
    // reproduces: a programming error, never something to seal.
    if (added_ != expected_)
        throw Error(Errc::internal, "change hash: " + std::to_string(added_) + " effects added, " +
                                        std::to_string(expected_) + " counted");
    hash_.update(pending_);
    pending_.clear();
    return hash_.hex_digest();
}

void ChangeHasher::flush_if_full() {
    if (pending_.size() < hash_piece)
        return;
    hash_.update(pending_);
    pending_.clear();
}

std::string tag_signature_message(const std::string& tag, std::int64_t change_id, const std::string& change_hash) {
    std::string out = "ropa-tag-1";
    netstring(out, tag);
    netstring(out, std::to_string(change_id));
    netstring(out, change_hash);
    return out;
}

std::string export_signature_message(const ExportStatement& statement) {
    std::string out = "ropa-export-1";
    netstring(out, statement.file_sha256);
    netstring(out, statement.format);
    netstring(out, statement.lang);
    netstring(out, statement.approved_only ? "approved-only" : "all");
    netstring(out, statement.since);
    netstring(out, std::to_string(statement.change_id));
    netstring(out, statement.change_hash);
    netstring(out, statement.recorded_at);
    return out;
}

} // namespace ropa::detail
