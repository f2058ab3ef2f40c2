#pragma once
// The library's logger. Only library sources include this; public headers never see spdlog.

#include <memory>

#include <spdlog/logger.h>

namespace ropa::detail {

/// The logger named "ropa": the caller's if it registered one, else ropa's own on stderr.
std::shared_ptr<spdlog::logger> logger();

} // namespace ropa::detail
