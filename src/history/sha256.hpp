#pragma once

#include <string>
#include <string_view>

namespace ropa::detail {

/// SHA-256 of `bytes` as 64 lower-case hex digits (Nettle: a small library, so that every
/// command does not pay for loading libcrypto; docs/performance.md).
std::string sha256_hex(std::string_view bytes);

} // namespace ropa::detail
