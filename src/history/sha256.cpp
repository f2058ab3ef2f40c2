#include "history/sha256.hpp"

#include <array>
#include <cstdint>

namespace ropa::detail {

Sha256::Sha256() { sha256_init(&context_); }

void Sha256::update(std::string_view bytes) {
    sha256_update(&context_, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
}

std::string Sha256::hex_digest() {
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&context_, digest.size(), digest.data());  // also starts the context afresh
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (const std::uint8_t byte : digest) {
        out += hex[byte >> 4];
        out += hex[byte & 0x0F];
    }
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

} // namespace ropa::detail
