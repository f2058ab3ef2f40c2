// ropa serve: the register in a browser (src/web), read-only until it has accounts (ropa user).

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "web/accounts.hpp"
#include "web/server.hpp"

namespace ropa::cli {

namespace {

// "127.0.0.1:8080", "localhost:0", "[::1]:8080": the host and the port after the last colon.
web::ServeOptions listen_address(const std::string& given) {
    const auto colon = given.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == given.size())
        throw UsageError("--listen: give ADDRESS:PORT, such as 127.0.0.1:8080");
    web::ServeOptions options;
    options.host = given.substr(0, colon);
    if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']')
        options.host = options.host.substr(1, options.host.size() - 2);
    const auto port = given.substr(colon + 1);
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
        throw UsageError("--listen: the port must be a number from 0 to 65535 (0: any free port)");
    options.port = std::stoi(port);
    return options;
}

} // namespace

void setup_serve_command(CLI::App& app, Context& context) {
    auto listen = std::make_shared<std::string>("127.0.0.1:8080");
    auto public_origin = std::make_shared<std::string>();
    auto tls_certificate = std::make_shared<std::string>();
    auto tls_key = std::make_shared<std::string>();
    auto* serve = app.add_subcommand(
        "serve", "Serve the register to a browser on this computer (read-only until it has accounts: ropa user add)");
    serve->add_option("--listen", *listen, "ADDRESS:PORT to listen on (default 127.0.0.1:8080; port 0: any free port)");
    serve->add_option("--public-origin", *public_origin,
                      "The address people open (https://ropa.example.org), behind a reverse proxy or over TLS to others; its forms are accepted")
        ->check([](const std::string& origin) {
            const bool scheme = origin.starts_with("https://") || origin.starts_with("http://");
            return scheme && origin.find('/', origin.find("//") + 2) == std::string::npos
                       ? std::string()
                       : std::string("give the scheme and name alone, such as https://ropa.example.org");
        });
    serve->add_option("--tls-certificate", *tls_certificate,
                      "Serve HTTPS with this PEM certificate chain (with --tls-key); then --listen may be an address "
                      "others reach, with --public-origin");
    serve->add_option("--tls-key", *tls_key, "The certificate's private key (PEM, not encrypted, not readable by others)");
    serve->callback([&context, listen, public_origin, tls_certificate, tls_key] {
        context.action = [&context, listen, public_origin, tls_certificate, tls_key] {
            if (!context.global.at.empty())
                throw UsageError("--at does not apply to serve: every page reads any version (?at= or the form)");
            auto options = listen_address(*listen);
            options.db = context.global.db;
            options.public_origin = *public_origin;
            options.tls_certificate = *tls_certificate;
            options.tls_key = *tls_key;
            web::serve(options, [&](const std::string& url) {
                const bool accounts = web::AccountStore(web::accounts_file_of(context.global.db)).any();
                std::cout << "serving " << context.global.db << " at " << url
                          << (accounts ? " (sign in with an account of ropa user; stop with Ctrl-C)"
                                       : " (read-only: no accounts yet; stop with Ctrl-C)")
                          << std::endl;
            });
            return exit_ok;
        };
    });
}

} // namespace ropa::cli
