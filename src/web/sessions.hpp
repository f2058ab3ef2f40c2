#pragma once
// Who is signed in to `ropa serve`, and how often sign-in has failed. Both are held in the
// server's memory alone: a restart signs everyone out (docs/security.md).

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "web/accounts.hpp"

namespace ropa::web {

struct Session {
    std::string user;
    Role role = Role::viewer;
    std::string csrf;  ///< the token every form of this session carries (hex, 256 bits)
    std::string password_changed_at;  ///< the account's, when the session was opened
};

/// Sessions by the token their cookie holds. A token is 256 random bits; the store keeps only
/// its hash, so that reading the server's memory gives no usable cookie. A session ends on
/// sign-out, after `idle` without a request, or `lifetime` after sign-in.
class SessionStore {
public:
    using Clock = std::chrono::steady_clock;
    explicit SessionStore(Clock::duration idle = std::chrono::hours(2), Clock::duration lifetime = std::chrono::hours(12))
        : idle_(idle), lifetime_(lifetime) {}

    /// A new session; returns the token for its cookie.
    std::string open(const Account& account);
    /// The session of `token`, when it is open (its idle time starts again). The role is the
    /// account's as it is now: `ropa user rm` or a role changed applies at the next request, and
    /// a password changed since the session was opened ends it.
    std::optional<Session> find(std::string_view token, const AccountStore& accounts);
    void close(std::string_view token);

private:
    struct Held {
        Session session;
        Clock::time_point opened, last_seen;
    };
    std::mutex guard_;
    std::map<std::string, Held, std::less<>> sessions_;  ///< by the token's hash
    Clock::duration idle_, lifetime_;
};

/// Failed sign-ins, counted by account name: after 5 in a row, signing in as that name waits 30
/// seconds, doubling with each further failure up to 15 minutes; a success starts the count
/// again. Not by address: on loopback, or behind a proxy, every client has the same one, and
/// one guesser would lock everyone out. Argon2id makes every guess cost memory and time too.
class SignInThrottle {
public:
    using Clock = std::chrono::steady_clock;
    /// How long a sign-in as `name` must still wait; zero when it may try now.
    Clock::duration wait(std::string_view name);
    void failed(std::string_view name);
    void succeeded(std::string_view name);

private:
    struct Failures {
        int count = 0;
        Clock::time_point until{};
    };
    std::mutex guard_;
    std::map<std::string, Failures, std::less<>> failures_;
};

/// 256 random bits as 64 hexadecimal digits (libsodium's generator).
std::string random_token();
/// Whether two tokens are equal, in time that does not depend on where they differ.
bool same_token(std::string_view a, std::string_view b);

} // namespace ropa::web
