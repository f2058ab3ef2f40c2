#pragma once
// `ropa serve`: the register over HTTP, on cpp-httplib (Debian's libcpp-httplib-dev; D42).

#include <filesystem>
#include <functional>
#include <string>

namespace ropa::web {

struct ServeOptions {
    std::filesystem::path db;
    std::string host = "127.0.0.1";
    int port = 8080;  ///< 0: any free port (said on `listening`)
};

/// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): until the register has
/// accounts, it is served to this computer alone.
bool is_loopback(const std::string& host);

/// Serves the register until SIGINT or SIGTERM: GET and HEAD only (a register without accounts
/// is read-only), every page with a Content-Security-Policy that allows no script and nothing
/// from elsewhere. Calls `listening` with the address once the socket is bound. Throws
/// Error{validation} for an address that is not loopback, Error{io} when the address cannot be
/// bound. Returns when stopped.
void serve(const ServeOptions& options, const std::function<void(const std::string& url)>& listening);

} // namespace ropa::web
