#include "web/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <semaphore>
#include <thread>
#include <vector>

#include <httplib.h>

#include "ropa/error.hpp"
#include "ropa/register.hpp"
#include "web/accounts.hpp"
#include "web/api.hpp"
#include "web/forms.hpp"
#include "web/pages.hpp"
#include "web/sessions.hpp"
#include "web/tls.hpp"

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
    response.set_header("Referrer-Policy", "same-origin");  // no-referrer would make a form's Origin "null"
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Cache-Control", "no-store");
}

constexpr const char* session_cookie = "ropa_session";

// The session token the request's cookie carries, "" when none.
std::string session_token(const httplib::Request& request) {
    const auto cookies = request.get_header_value("Cookie");
    const std::string wanted = std::string(session_cookie) + "=";
    for (std::size_t start = 0; start < cookies.size();) {
        auto end = cookies.find(';', start);
        if (end == std::string::npos)
            end = cookies.size();
        auto part = std::string_view(cookies).substr(start, end - start);
        while (!part.empty() && part.front() == ' ')
            part.remove_prefix(1);
        if (part.starts_with(wanted))
            return std::string(part.substr(wanted.size()));
        start = end + 1;
    }
    return {};
}

void reply_with(httplib::Response& response, const Reply& reply) {
    response.status = reply.status;
    if (!reply.download_name.empty())
        response.set_header("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
    if (!reply.location.empty())
        response.set_header("Location", reply.location);
    response.set_content(reply.body, reply.content_type.c_str());
}

void redirect(httplib::Response& response, const std::string& location) { reply_with(response, see_other(location)); }

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
    const bool tls = !options.tls_certificate.empty() || !options.tls_key.empty();
    if (tls && (options.tls_certificate.empty() || options.tls_key.empty()))
        throw Error(Errc::validation,
                    std::string(options.tls_key.empty() ? "tls-key" : "tls-certificate") +
                        ": TLS needs both the certificate (--tls-certificate) and its private key (--tls-key)",
                    options.tls_key.empty() ? "tls-key" : "tls-certificate");
    if (!is_loopback(options.host) && !tls)
        throw Error(Errc::validation,
                    "listen: " + options.host +
                        " is not this computer; without TLS ropa serve listens on loopback alone (127.0.0.1): to "
                        "serve others, give it a certificate (--tls-certificate, --tls-key) or put a reverse proxy "
                        "with TLS in front of it (docs/security.md)",
                    "listen");
    if (!is_loopback(options.host) && !options.public_origin.starts_with("https://"))
        throw Error(Errc::validation,
                    options.public_origin.empty()
                        ? "public-origin: serving other computers, name the address they open (--public-origin "
                          "https://NAME:PORT), the one its certificate is for"
                        : "public-origin: " + options.public_origin +
                              " is not https://: other computers reach this server over TLS alone",
                    "public-origin");
    if (options.port < 0 || options.port > 65535)
        throw Error(Errc::validation, "listen: the port must be from 0 to 65535", "listen");
    // The file must be a register this ropa reads: refused now, not at the first request.
    (void)Register::open(options.db, {.mode = OpenMode::read_only});
    AccountStore accounts(accounts_file_of(options.db));
    const bool others_reach_it = !is_loopback(options.host);
    if (others_reach_it && !accounts.any())
        throw Error(Errc::validation,
                    "listen: a register without accounts is served read-only to this computer alone; add an account "
                    "(ropa user add) before serving it to others",
                    "listen");

    const auto server_owned = tls ? https_server(options.tls_certificate, options.tls_key) : std::make_unique<httplib::Server>();
    auto& server = *server_owned;
    const std::string scheme = tls ? "https://" : "http://";
    server.set_payload_max_length(256 * 1024);  // a form of every field at its longest fits
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
    std::vector<std::string> own_hosts{shown_host + ":" + port_text, "localhost:" + port_text};
    if (!options.public_origin.empty())  // the name people open, when this server is what they reach
        own_hosts.push_back(options.public_origin.substr(options.public_origin.find("//") + 2));
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
    SessionStore sessions;
    SignInThrottle throttle;
    // Once an account has been seen, the server stays closed: an accounts file removed, renamed
    // or emptied afterwards locks everyone out rather than opening the register to all. Served
    // to other computers, it is closed from the start.
    std::atomic<bool> closed{others_reach_it};
    // Who asks: read from the accounts file at every request, so that the first `ropa user add`
    // (or a role changed, an account removed) applies at once.
    const auto visitor_of = [&](const httplib::Request& request) {
        Visitor visitor;
        bool any = false;
        try {
            any = accounts.any();
        } catch (const Error&) {
            any = false;  // an accounts file that cannot be read: nobody signs in
            closed = true;
        }
        if (any)
            closed = true;
        visitor.accounts = closed;
        if (!visitor.accounts)
            return visitor;
        if (const auto session = sessions.find(session_token(request), accounts)) {
            visitor.user = session->user;
            visitor.role = session->role;
            visitor.csrf = session->csrf;
        }
        return visitor;
    };
    // The HTTP API (/api/v1): an account's API token in the Authorization header, never a cookie,
    // so that no page of another site can use a signed-in browser's session against it.
    const auto api_handler = [&, db](const httplib::Request& request, httplib::Response& response) {
        const auto path = request.path.substr(std::string_view("/api/v1").size());
        if (path == "/openapi.json" && request.method == "GET") {
            response.status = 200;
            response.set_content(std::string(openapi_document()), "application/json");
            return;
        }
        const auto authorization = request.get_header_value("Authorization");
        std::optional<Account> account;
        if (authorization.rfind("Bearer ", 0) == 0)
            account = accounts.account_of_token(authorization.substr(7));
        if (!account) {
            response.set_header("WWW-Authenticate", "Bearer");
            return reply_with(response, api_error(401, "unauthorized",
                                                  "send an account's API token as Authorization: Bearer TOKEN "
                                                  "(ropa user token NAME)"));
        }
        closed = true;
        if (request.method != "GET" && !request.body.empty() &&
            request.get_header_value("Content-Type").rfind("application/json", 0) != 0)
            return reply_with(response, api_error(415, "unsupported_media_type", "the API takes JSON (application/json)"));
        const Visitor visitor{true, account->name, account->role, ""};
        reply_with(response, api(db, {request.method, path, query_of(request), request.body}, visitor));
    };
    const auto api_paths = R"(/api/v1(/.*)?)";
    server.Get(api_paths, api_handler);
    server.Post(api_paths, api_handler);
    server.Patch(api_paths, api_handler);
    server.Put(api_paths, api_handler);
    server.Delete(api_paths, api_handler);
    server.Get(R"(/.*)", [&, db](const httplib::Request& request, httplib::Response& response) {
        if (request.path == "/style.css")
            return reply_with(response, respond(db, request.path, {}, {}));
        const auto visitor = visitor_of(request);
        if (request.path == "/sign-in")
            return visitor.accounts ? reply_with(response, sign_in_page(200)) : redirect(response, "/");
        if (visitor.accounts && visitor.user.empty())
            return redirect(response, "/sign-in");
        reply_with(response, respond(db, request.path, query_of(request), visitor));
    });
    const auto public_origin = options.public_origin;
    // over TLS the browser sends the session cookie over TLS alone
    const std::string cookie_secure = tls ? "; Secure" : "";
    // Argon2id takes 64 MiB and a moment per sign-in: two at a time, whatever the number of
    // clients, so that a flood of sign-ins cannot exhaust the memory.
    std::counting_semaphore<2> hashing(2);
    server.Post(R"(/.*)", [&, db](const httplib::Request& request, httplib::Response& response) {
        const auto visitor = visitor_of(request);
        if (!visitor.accounts) {
            // A register without accounts is read-only: nothing is posted to it.
            response.status = 405;
            response.set_header("Allow", "GET, HEAD");
            response.set_content("This register is read-only: it has no accounts yet (ropa user add).\n",
                                 "text/plain; charset=utf-8");
            return;
        }
        if (request.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)
            return reply_with(response, fault(415, "Not understood",
                                              "A form is posted as application/x-www-form-urlencoded.", visitor));
        // A browser names the page a form was sent from: it must be one of this server's.
        if (const auto origin = request.get_header_value("Origin");
            !origin.empty() && origin != scheme + request.get_header_value("Host") &&
            (public_origin.empty() || origin != public_origin))
            return reply_with(response, fault(403, "Not allowed", "Forms are accepted from this server's own pages.", visitor));
        Form form;
        for (const auto& [name, value] : request.params)
            form.emplace_back(name, value);
        const auto field = [&](const char* name) {
            for (const auto& [key, value] : form)
                if (key == name)
                    return value;
            return std::string();
        };
        if (request.path == "/sign-in") {
            const auto name = field("name");
            try {
                check_account_name(name);  // bounded before it is a key of the throttle
            } catch (const Error&) {
                return reply_with(response, sign_in_page(401, "That account name and password do not match an account.", ""));
            }
            if (const auto wait = throttle.wait(name); wait.count() > 0) {
                const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
                response.set_header("Retry-After", std::to_string(seconds));
                return reply_with(response, sign_in_page(429, "Too many failed sign-ins as " + name + ": try again in " +
                                                                  std::to_string(seconds) + " seconds.", name));
            }
            // counted before the password is checked, so that guesses sent at once are all counted
            throttle.failed(name);
            std::optional<Account> account;
            {
                hashing.acquire();
                struct Release {
                    std::counting_semaphore<2>& semaphore;
                    ~Release() { semaphore.release(); }
                } release{hashing};
                account = accounts.authenticate(name, field("password"));
            }
            if (!account)
                return reply_with(response, sign_in_page(401, "That account name and password do not match an account.", name));
            throttle.succeeded(name);
            response.set_header("Set-Cookie", std::string(session_cookie) + "=" + sessions.open(*account) +
                                                  "; Path=/; HttpOnly; SameSite=Strict" + cookie_secure);
            return redirect(response, "/");
        }
        if (visitor.user.empty())
            return reply_with(response, fault(403, "Not allowed", "Sign in first: your session has ended.", visitor));
        if (!same_token(field("csrf"), visitor.csrf))
            return reply_with(response, fault(403, "Not allowed",
                                              "This form was not sent from a page of your session (its token is missing "
                                              "or another's): open the page again and resend it.",
                                              visitor));
        if (request.path == "/sign-out") {
            sessions.close(session_token(request));
            response.set_header("Set-Cookie", std::string(session_cookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                                  cookie_secure);
            return redirect(response, "/sign-in");
        }
        try {
            reply_with(response, submit(db, request.path, form, visitor));
        } catch (const Error& e) {
            reply_with(response, fault(e.code() == Errc::not_found ? 404 : 500,
                                       e.code() == Errc::not_found ? "Not found" : "Not written", e.what(), visitor));
        }
    });
    const auto refuse = [&](const httplib::Request&, httplib::Response& response) {
        const bool writable = accounts.any();
        response.status = 405;
        response.set_header("Allow", writable ? "GET, HEAD, POST" : "GET, HEAD");
        response.set_content(writable ? "Pages are read with GET and forms sent with POST.\n"
                                      : "This register is read-only: it has no accounts yet (ropa user add).\n",
                             "text/plain; charset=utf-8");
    };
    server.Put(R"(/.*)", refuse);
    server.Patch(R"(/.*)", refuse);
    server.Delete(R"(/.*)", refuse);
    server.Options(R"(/.*)", refuse);
    // every reply, httplib's own refusals (413, 414, 404) included, carries the headers
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) { secure_headers(response); });
    server.set_error_handler([](const httplib::Request&, httplib::Response& response) { secure_headers(response); });
    // an exception that escapes a handler is a plain 500, never its text in a header
    server.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        secure_headers(response);
        response.set_content("The server could not answer this request; its log may say why.\n", "text/plain; charset=utf-8");
    });

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
    listening(others_reach_it ? options.public_origin + "/" : scheme + shown_host + ":" + port_text + "/");
    if (!server.listen_after_bind() && !finished)
        throw Error(Errc::io, "serve: the server stopped on an error", "listen");
}

} // namespace ropa::web
