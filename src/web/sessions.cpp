#include "web/sessions.hpp"

#include <algorithm>

#include <sodium.h>

#include "ropa/error.hpp"

namespace ropa::web {

namespace {

std::string token_hash(std::string_view token) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

constexpr int free_failures = 5;
constexpr auto first_wait = std::chrono::seconds(30);
constexpr auto longest_wait = std::chrono::minutes(15);

} // namespace

std::string random_token() {
    if (sodium_init() < 0)
        throw Error(Errc::internal, "libsodium could not be initialised");
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * sizeof bytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

bool same_token(std::string_view a, std::string_view b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionStore::open(const Account& account) {
    auto token = random_token();
    const auto now = Clock::now();
    const std::lock_guard lock(guard_);
    // sessions past their time are dropped whenever one is opened: the map stays small
    std::erase_if(sessions_, [&](const auto& entry) {
        return now - entry.second.last_seen > idle_ || now - entry.second.opened > lifetime_;
    });
    sessions_[token_hash(token)] = {{account.name, account.role, random_token(), account.password_changed_at}, now, now};
    return token;
}

std::optional<Session> SessionStore::find(std::string_view token, const AccountStore& accounts) {
    if (token.size() != 64)
        return std::nullopt;
    const auto key = token_hash(token);
    Session session;
    {
        const std::lock_guard lock(guard_);
        const auto it = sessions_.find(key);
        if (it == sessions_.end())
            return std::nullopt;
        const auto now = Clock::now();
        if (now - it->second.last_seen > idle_ || now - it->second.opened > lifetime_) {
            sessions_.erase(it);
            return std::nullopt;
        }
        it->second.last_seen = now;
        session = it->second.session;
    }
    const auto account = accounts.find(session.user);
    if (!account || account->password_changed_at != session.password_changed_at) {
        close(token);
        return std::nullopt;
    }
    session.role = account->role;
    return session;
}

void SessionStore::close(std::string_view token) {
    const auto key = token_hash(token);
    const std::lock_guard lock(guard_);
    sessions_.erase(key);
}

SignInThrottle::Clock::duration SignInThrottle::wait(std::string_view name) {
    const std::lock_guard lock(guard_);
    const auto it = failures_.find(name);
    const auto now = Clock::now();
    return it != failures_.end() && it->second.until > now ? it->second.until - now : Clock::duration{};
}

void SignInThrottle::failed(std::string_view name) {
    const std::lock_guard lock(guard_);
    if (failures_.size() > 10000)  // a flood of names must not fill the memory: those not waiting go
        std::erase_if(failures_, [now = Clock::now()](const auto& entry) { return entry.second.until <= now; });
    auto& failures = failures_[std::string(name)];
    ++failures.count;
    if (failures.count >= free_failures) {
        const int doublings = std::min(failures.count - free_failures, 5);
        failures.until = Clock::now() + std::min<Clock::duration>(first_wait * (1 << doublings), longest_wait);
    }
}

void SignInThrottle::succeeded(std::string_view name) {
    const std::lock_guard lock(guard_);
    if (const auto it = failures_.find(name); it != failures_.end())
        failures_.erase(it);
}

} // namespace ropa::web
