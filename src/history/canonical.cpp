#include "history/canonical.hpp"

#include "history/sha256.hpp"

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

} // namespace

std::string canonical_encoding(const ChangeHeader& header, const std::vector<RowEffect>& effects) {
    std::string out = "ropa-change-1";
    netstring(out, std::to_string(header.id));
    netstring(out, header.recorded_at);
    netstring(out, header.actor);
    netstring(out, header.reason);
    netstring(out, header.prev_hash);
    netstring(out, std::to_string(effects.size()));
    for (const auto& effect : effects) {
        netstring(out, effect.table);
        netstring(out, effect.row_key);
        optional_netstring(out, effect.before);
        optional_netstring(out, effect.after);
    }
    return out;
}

std::string change_hash(const ChangeHeader& header, const std::vector<RowEffect>& effects) {
    return sha256_hex(canonical_encoding(header, effects));
}

} // namespace ropa::detail
