#include "web/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

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
    if (host == "localhost")
        return true;
    // an address, never a name ("127.evil.example" resolves anywhere)
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
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
    const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(host.c_str());
        if (port < 0)
            throw Error(Errc::io, "listen: cannot listen on " + host, "listen");
    } else if (!server.bind_to_port(host.c_str(), port)) {
        throw Error(Errc::io, "listen: cannot listen on " + host + ":" + std::to_string(port) + " (in use?)", "listen");
    }
    const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const std::string port_text = std::to_string(port);

    // Only requests addressed to this computer by its own name are answered: a web page that
    // points a name of its own at 127.0.0.1 (DNS rebinding) gets nothing, and neither does a
    // request another site's page makes (Sec-Fetch-Site: cross-site).
    const std::vector<std::string> own_hosts{shown_host + ":" + port_text, "localhost:" + port_text};
    server.set_pre_routing_handler([own_hosts](const httplib::Request& request, httplib::Response& response) {
        const auto host_header = request.get_header_value("Host");
        const bool ours = std::find(own_hosts.begin(), own_hosts.end(), host_header) != own_hosts.end();
        const bool cross_site = request.get_header_value("Sec-Fetch-Site") == "cross-site";
        if (ours && !cross_site)
            return httplib::Server::HandlerResponse::Unhandled;
        secure_headers(response);
        response.status = ours ? 403 : 421;
        response.set_content(ours ? "Requests from other sites are not answered.\n"
                                  : "This server answers requests addressed to it by this computer's address alone.\n",
                             "text/plain; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
    });
    const auto db = options.db;
    server.Get(R"(/.*)", [db](const httplib::Request& request, httplib::Response& response) {
        const auto reply = respond(db, request.path, query_of(request));
        response.status = reply.status;
        if (!reply.download_name.empty())
            response.set_header("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
        response.set_content(reply.body, reply.content_type.c_str());
    });
    // A register without accounts is read-only: every other method is refused, naming those allowed.
    const auto refuse = [](const httplib::Request&, httplib::Response& response) {
        response.status = 405;
        response.set_header("Allow", "GET, HEAD");
        response.set_content("This register is read-only: it has no accounts yet.\n", "text/plain; charset=utf-8");
    };
    server.Post(R"(/.*)", refuse);
    server.Put(R"(/.*)", refuse);
    server.Patch(R"(/.*)", refuse);
    server.Delete(R"(/.*)", refuse);
    server.Options(R"(/.*)", refuse);
    // every reply, httplib's own refusals (413, 414, 404) included, carries the headers
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) { secure_headers(response); });
    server.set_error_handler([](const httplib::Request&, httplib::Response& response) { secure_headers(response); });

    // SIGINT and SIGTERM stop the server: blocked in every thread, awaited by one. A signal that
    // comes before the server runs is kept until it does (stop() does nothing before that).
    sigset_t stop_signals, previous;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
    std::atomic<bool> finished{false};
    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        while (!finished && !server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server.stop();
    });
    // whatever happens below, the stopper is woken and joined and the mask restored
    struct Cleanup {
        std::thread& stopper;
        std::atomic<bool>& finished;
        const sigset_t& previous;
        ~Cleanup() {
            finished = true;
            pthread_kill(stopper.native_handle(), SIGTERM);
            stopper.join();
            pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        }
    } cleanup{stopper, finished, previous};
    listening("http://" + shown_host + ":" + port_text + "/");
    if (!server.listen_after_bind() && !finished)
        throw Error(Errc::io, "serve: the server stopped on an error", "listen");
}

} // namespace ropa::web
