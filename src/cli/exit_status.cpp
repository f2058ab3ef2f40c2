#include "cli/exit_status.hpp"

namespace ropa::cli {

int exit_status_for(Errc code) noexcept {
    switch (code) {
    case Errc::validation: return 3;
    case Errc::rule_violation: return 4;
    case Errc::not_found: return 5;
    case Errc::conflict: return 6;
    case Errc::not_a_register: return 7;
    case Errc::schema_too_new: return 8;
    case Errc::schema_too_old: return 9;
    case Errc::storage: return 10;
    case Errc::io: return 11;
    case Errc::internal: return exit_internal;
    }
    return exit_internal;
}

} // namespace ropa::cli
