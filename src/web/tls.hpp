#pragma once
// TLS for `ropa serve` when it is given a certificate and its key (cpp-httplib's OpenSSL
// support, which Debian's libcpp-httplib is built with): for a DPO with no reverse proxy.

#include <filesystem>
#include <memory>

#include <httplib.h>

namespace ropa::web {

/// An HTTPS server holding `certificate` (a PEM chain, the server's own first) and its private
/// `key` (PEM, not encrypted), TLS 1.2 at least. Error{validation} naming the option for a key
/// file others may read; Error{io} naming it for a file that cannot be read or is no PEM
/// certificate or key, and for a key that is not the certificate's.
std::unique_ptr<httplib::Server> https_server(const std::filesystem::path& certificate, const std::filesystem::path& key);

} // namespace ropa::web
