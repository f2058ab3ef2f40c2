#pragma once

#include <string>
#include <string_view>

#include <nettle/sha2.h>

namespace ropa::detail {

/// SHA-256 fed piece by piece, so that what is hashed never has to be held whole (Nettle: a
/// small library, so that every command does not pay for loading libcrypto;
/// docs/performance.md).
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    /// The digest of everything fed so far, as 64 lower-case hex digits.
    std::string hex_digest();

private:
    sha256_ctx context_;
};

/// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace ropa::detail
