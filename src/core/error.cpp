#include "ropa/error.hpp"

namespace ropa {

std::string_view to_string(Errc code) noexcept {
    switch (code) {
    case Errc::validation: return "validation";
    case Errc::rule_violation: return "rule_violation";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::not_a_register: return "not_a_register";
    case Errc::schema_too_new: return "schema_too_new";
    case Errc::schema_too_old: return "schema_too_old";
    case Errc::storage: return "storage";
    case Errc::io: return "io";
    case Errc::internal: return "internal";
    }
    return "unknown";
}

} // namespace ropa
