#pragma once
/// @file
/// Logging control without exposing the logging library.
///
/// ropa logs through an spdlog logger named "ropa". The library never changes spdlog's
/// default logger or global level: a program that wants ropa's messages elsewhere registers
/// its own logger under that name before the first call into ropa; otherwise ropa creates
/// one that writes to standard error at level `warn`.

#include "ropa/ropa_export.h"

namespace ropa {

enum class LogLevel { trace, debug, info, warn, error, off };

/// Sets the level of ropa's own logger (creating it if needed).
ROPA_EXPORT void set_log_level(LogLevel level);

} // namespace ropa
