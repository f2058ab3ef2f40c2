#pragma once
// The documented exit statuses of `ropa` (docs/cli.md, "Exit status"). One place maps the
// library's error codes to them.

#include "ropa/error.hpp"

namespace ropa::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;  // a command ran and reports errors (ropa check)
inline constexpr int exit_usage = 2;     // the command line itself is wrong
inline constexpr int exit_internal = 70;

int exit_status_for(Errc code) noexcept;

} // namespace ropa::cli
