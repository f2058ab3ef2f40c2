#include "ropa/version.hpp"

namespace ropa {

const char* version() noexcept { return ROPA_VERSION_STRING; }

} // namespace ropa
