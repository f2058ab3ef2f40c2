#include "ropa/log.hpp"

#include <mutex>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/log_internal.hpp"

namespace ropa::detail {

std::shared_ptr<spdlog::logger> logger() {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get("ropa"))
        return existing;
    auto own = std::make_shared<spdlog::logger>("ropa", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    own->set_level(spdlog::level::warn);
    own->set_pattern("ropa: %l: %v");
    spdlog::register_logger(own);
    return own;
}

} // namespace ropa::detail

namespace ropa {

void set_log_level(LogLevel level) {
    static constexpr spdlog::level::level_enum levels[] = {
        spdlog::level::trace, spdlog::level::debug, spdlog::level::info,
        spdlog::level::warn,  spdlog::level::err,   spdlog::level::off};
    detail::logger()->set_level(levels[static_cast<int>(level)]);
}

} // namespace ropa
