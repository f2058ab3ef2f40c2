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
    /// The address people open behind a reverse proxy ("https://ropa.example.org"): the
    /// `Origin` their browser sends with a form, accepted beside the server's own.
    std::string public_origin;
    /// TLS (both or neither): a PEM certificate chain and its private key. With them the server
    /// speaks HTTPS alone, its session cookie is Secure, and it may listen on an address other
    /// computers reach (with `public_origin`, the https:// address they open).
    std::filesystem::path tls_certificate;
    std::filesystem::path tls_key;
};

/// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): without TLS ropa serve
/// listens on nothing else (a reverse proxy serves others).
bool is_loopback(const std::string& host);

/// Serves the register until SIGINT or SIGTERM, every page with a Content-Security-Policy that
/// allows no script and nothing from elsewhere. Without accounts it is read-only (GET and HEAD);
/// once the accounts file has an account, every page needs a signed-in session for as long as
/// the server runs, even if the file later goes missing (it never opens up again). Calls
/// `listening` with the address once the socket is bound. Throws Error{validation} for an
/// address that is not loopback without TLS (or without `public_origin` with it), for half of
/// the TLS pair, or for a key others may read; Error{io} when the address cannot be bound or
/// the certificate and key cannot be loaded (or do not match). Returns when stopped.
void serve(const ServeOptions& options, const std::function<void(const std::string& url)>& listening);

} // namespace ropa::web
