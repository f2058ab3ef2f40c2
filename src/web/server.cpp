#include "web/server.hpp"

#include <pthread.h>
#include <signal.h>

#include <thread>

#include <httplib.h>

#include "ropa/error.hpp"
#include "ropa/register.hpp"
#include "web/pages.hpp"

namespace ropa::web {

namespace {

// No script, no style or image from elsewhere, no frame, forms to this server alone: a value
// that got past escaping still could not run.
constexpr const char* content_security_policy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

void secure_headers(httplib::Response& response) {
    response.set_header("Content-Security-Policy", content_security_policy);
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Cache-Control", "no-store");
}

Query query_of(const httplib::Request& request) {
    Query query;
    for (const auto& [name, value] : request.params)
        query.emplace(name, value);  // a parameter given twice: the first counts
    return query;
}

} // namespace

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

void serve(const ServeOptions& options, const std::function<void(const std::string& url)>& listening) {
    if (!is_loopback(options.host))
        throw Error(Errc::validation,
                    "listen: " + options.host +
                        " is not this computer; until the register has accounts it is served on loopback only "
                        "(127.0.0.1)",
                    "listen");
    if (options.port < 0 || options.port > 65535)
        throw Error(Errc::validation, "listen: the port must be from 0 to 65535", "listen");
    // The file must be a register this ropa reads: refused now, not at the first request.
    (void)Register::open(options.db, {.mode = OpenMode::read_only});

    httplib::Server server;
    server.set_payload_max_length(64 * 1024);  // nothing is posted yet: a large body is refused
    const auto db = options.db;
    server.Get(R"(/.*)", [db](const httplib::Request& request, httplib::Response& response) {
        const auto reply = respond(db, request.path, query_of(request));
        secure_headers(response);
        response.status = reply.status;
        if (!reply.download_name.empty())
            response.set_header("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
        response.set_content(reply.body, reply.content_type.c_str());
    });
    // A register without accounts is read-only: every other method is refused, naming those allowed.
    const auto refuse = [](const httplib::Request&, httplib::Response& response) {
        secure_headers(response);
        response.status = 405;
        response.set_header("Allow", "GET, HEAD");
        response.set_content("This register is read-only: it has no accounts yet.\n", "text/plain; charset=utf-8");
    };
    server.Post(R"(/.*)", refuse);
    server.Put(R"(/.*)", refuse);
    server.Patch(R"(/.*)", refuse);
    server.Delete(R"(/.*)", refuse);
    server.Options(R"(/.*)", refuse);

    const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(host.c_str());
        if (port < 0)
            throw Error(Errc::io, "listen: cannot listen on " + host, "listen");
    } else if (!server.bind_to_port(host.c_str(), port)) {
        throw Error(Errc::io, "listen: cannot listen on " + host + ":" + std::to_string(port) + " (in use?)", "listen");
    }

    // SIGINT and SIGTERM stop the server: blocked in every thread, awaited by one.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    const std::string shown_host = host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
    listening("http://" + shown_host + ":" + std::to_string(port) + "/");
    server.listen_after_bind();
    // stopped by a signal, the stopper has returned; stopped otherwise, wake it
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
}

} // namespace ropa::web
