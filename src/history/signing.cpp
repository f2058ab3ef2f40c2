#include "ropa/signing.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nettle/eddsa.h>

#include "history/sha256.hpp"
#include "ropa/error.hpp"

namespace ropa {

namespace {

constexpr std::string_view private_header = "ropa-signing-key-1 ed25519 ";
constexpr std::string_view public_header = "ropa-public-key-1 ed25519 ";

std::string to_hex(const std::uint8_t* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0x0F];
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// `hex` into `out` (exactly out.size() bytes); false if it is not that many hex digits.
template <std::size_t N>
bool from_hex(std::string_view hex, std::array<std::uint8_t, N>& out) {
    if (hex.size() != 2 * N)
        return false;
    for (std::size_t i = 0; i < N; ++i) {
        const int high = hex_value(hex[2 * i]), low = hex_value(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return false;
        out[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return true;
}

std::string read_key_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(Errc::not_found, "cannot read the key file " + path.string(), "key");
    std::string text;
    std::getline(in, text);  // one line; a key file is never longer
    if (!text.empty() && text.back() == '\r')
        text.pop_back();
    return text;
}

Error not_a_key(const std::filesystem::path& path, std::string_view what) {
    return Error(Errc::validation, path.string() + " is not a ropa " + std::string(what) + " key file", "key");
}

/// Writes `text` to a new file `path` of `mode`; refuses an existing one. Throws Error.
void write_new_file(const std::filesystem::path& path, const std::string& text, mode_t mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            throw Error(Errc::conflict, path.string() + " already exists; a key file is never replaced", "key");
        throw Error(Errc::io, "cannot create " + path.string() + ": " + std::strerror(errno), "key");
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                         ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str());
        throw Error(Errc::io, "cannot write " + path.string() + ": " + std::strerror(saved), "key");
    }
}

} // namespace

PublicKey PublicKey::from_hex(std::string_view hex, std::string_view field) {
    PublicKey key;
    if (!ropa::from_hex(hex, key.bytes_))
        throw Error(Errc::validation, std::string(field) + ": an Ed25519 public key is 64 hex digits",
                    std::string(field));
    return key;
}

PublicKey PublicKey::load(const std::filesystem::path& path) {
    const auto text = read_key_file(path);
    if (text.starts_with(private_header))
        return SigningKey::load(path).public_key();
    if (!text.starts_with(public_header))
        throw not_a_key(path, "public");
    PublicKey key;
    if (!ropa::from_hex(std::string_view(text).substr(public_header.size()), key.bytes_))
        throw not_a_key(path, "public");
    return key;
}

std::string PublicKey::hex() const { return to_hex(bytes_.data(), bytes_.size()); }

std::string PublicKey::fingerprint() const {
    const std::string_view raw(reinterpret_cast<const char*>(bytes_.data()), bytes_.size());
    return "ed25519:" + detail::sha256_hex(raw).substr(0, 32);
}

std::string PublicKey::file_text() const { return std::string(public_header) + hex() + "\n"; }

bool PublicKey::verifies(std::string_view message, std::string_view signature_hex) const {
    std::array<std::uint8_t, ED25519_SIGNATURE_SIZE> signature{};
    if (!ropa::from_hex(signature_hex, signature))
        return false;
    return ed25519_sha512_verify(bytes_.data(), message.size(), reinterpret_cast<const std::uint8_t*>(message.data()),
                                 signature.data()) == 1;
}

SigningKey SigningKey::generate() {
    SigningKey key;
    std::size_t filled = 0;
    while (filled < key.seed_.size()) {
        const auto got = ::getrandom(key.seed_.data() + filled, key.seed_.size() - filled, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            throw Error(Errc::io, std::string("cannot read the system's random source: ") + std::strerror(errno), "key");
        filled += static_cast<std::size_t>(got);
    }
    key.derive_public();
    return key;
}

SigningKey SigningKey::load(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        throw Error(Errc::not_found, "cannot read the key file " + path.string(), "key");
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        throw Error(Errc::validation,
                    path.string() + " may be read or written by others than its owner; a signing key must be "
                                    "private (chmod 600 " + path.string() + ")",
                    "key");
    const auto text = read_key_file(path);
    SigningKey key;
    if (!text.starts_with(private_header) ||
        !ropa::from_hex(std::string_view(text).substr(private_header.size()), key.seed_))
        throw not_a_key(path, "private");
    key.derive_public();
    return key;
}

void SigningKey::save(const std::filesystem::path& path) const {
    auto public_path = path;
    public_path += ".pub";
    if (std::filesystem::exists(std::filesystem::symlink_status(public_path)))
        throw Error(Errc::conflict, public_path.string() + " already exists; a key file is never replaced", "key");
    write_new_file(path, std::string(private_header) + to_hex(seed_.data(), seed_.size()) + "\n", 0600);
    try {
        write_new_file(public_path, public_.file_text(), 0644);
    } catch (...) {
        ::unlink(path.c_str());
        throw;
    }
}

std::string SigningKey::sign(std::string_view message) const {
    std::array<std::uint8_t, ED25519_SIGNATURE_SIZE> signature{};
    ed25519_sha512_sign(public_.bytes_.data(), seed_.data(), message.size(),
                        reinterpret_cast<const std::uint8_t*>(message.data()), signature.data());
    return to_hex(signature.data(), signature.size());
}

SigningKey::~SigningKey() {
    // The seed is the key: do not leave it in freed memory.
    volatile std::uint8_t* seed = seed_.data();
    for (std::size_t i = 0; i < seed_.size(); ++i)
        seed[i] = 0;
}

void SigningKey::derive_public() { ed25519_sha512_public_key(public_.bytes_.data(), seed_.data()); }

} // namespace ropa
