#pragma once
/// @file
/// Ed25519 signing keys (RFC 8032, through Nettle): a DPO signs the head of the history (a tag)
/// and the exports sent out, so that a history rewritten later, even with every hash
/// recomputed, and an export changed after it left are detected (docs/versioning.md).

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "ropa/ropa_export.h"

namespace ropa {

/// An Ed25519 public key: what an auditor keeps to check signatures.
class ROPA_EXPORT PublicKey {
public:
    /// From 64 hex digits. Throws Error{validation} naming `field`.
    static PublicKey from_hex(std::string_view hex, std::string_view field = "public key");
    /// From a public key file ("ropa-public-key-1 ed25519 <hex>", as `ropa key new` writes
    /// beside the private key) or from a private key file. Throws Error{not_found} for a file
    /// that cannot be read, Error{validation} naming the file for one that is not a key.
    static PublicKey load(const std::filesystem::path& path);

    /// The key as 64 lower-case hex digits.
    std::string hex() const;
    /// "ed25519:" and the first 32 hex digits of the key's SHA-256: what a person compares.
    std::string fingerprint() const;
    /// The text of a public key file, one line.
    std::string file_text() const;
    /// Whether `signature_hex` (128 hex digits) is this key's signature of `message`. Never
    /// throws for a malformed signature: that is simply not a valid one.
    bool verifies(std::string_view message, std::string_view signature_hex) const;

    friend bool operator==(const PublicKey&, const PublicKey&) = default;

private:
    friend class SigningKey;
    std::array<std::uint8_t, 32> bytes_{};
};

/// An Ed25519 private key. Kept outside the register, in a file of mode 0600: whoever can
/// write the register must not also be able to sign for the DPO.
class ROPA_EXPORT SigningKey {
public:
    /// A new key from the system's random source (getrandom). Throws Error{io} if it fails.
    static SigningKey generate();
    /// Reads a private key file. Refused (Error{validation}, naming the file) if it is not one,
    /// or if others than its owner may read or write it (as ssh refuses such a key).
    static SigningKey load(const std::filesystem::path& path);

    /// Writes the private key to `path` (created, mode 0600; an existing file is never
    /// replaced: Error{conflict}) and the public key to `path` + ".pub" (mode 0644). Nothing is
    /// left behind if either cannot be written.
    void save(const std::filesystem::path& path) const;

    const PublicKey& public_key() const { return public_; }
    /// The signature of `message`, 128 lower-case hex digits.
    std::string sign(std::string_view message) const;

    SigningKey(const SigningKey&) = default;
    SigningKey& operator=(const SigningKey&) = default;
    ~SigningKey();

private:
    SigningKey() = default;
    void derive_public();
    std::array<std::uint8_t, 32> seed_{};
    PublicKey public_;
};

} // namespace ropa
