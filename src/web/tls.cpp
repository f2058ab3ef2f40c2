#include "web/tls.hpp"

#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "ropa/error.hpp"

namespace ropa::web {

namespace {

// OpenSSL's reason for the last failure (its code in `code`), cleared from its queue.
std::string openssl_reason(unsigned long* code_out = nullptr) {
    const auto code = ERR_peek_last_error();
    ERR_clear_error();
    if (code_out)
        *code_out = code;
    if (code == 0)
        return "no reason given";
    const char* reason = ERR_reason_error_string(code);
    return reason ? reason : "error " + std::to_string(code);
}

} // namespace

std::unique_ptr<httplib::Server> https_server(const std::filesystem::path& certificate, const std::filesystem::path& key) {
    for (const auto& [path, option] : {std::pair{certificate, "tls-certificate"}, std::pair{key, "tls-key"}}) {
        struct stat status {};
        if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode))
            throw Error(Errc::io, std::string(option) + ": " + path.string() + " is not a file this account can read",
                        option);
        // a private key any account on the computer can read is no longer private
        if (path == key && (status.st_mode & S_IROTH))
            throw Error(Errc::validation,
                        std::string(option) + ": " + path.string() +
                            " can be read by every account on this computer; make it private (chmod o-rwx)",
                        option);
    }
    std::string failure, failed_option;
    auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& context) {
        ERR_clear_error();
        SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
        SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
        // an encrypted key fails here, rather than OpenSSL asking for its passphrase on a terminal
        SSL_CTX_set_default_passwd_cb(&context, [](char*, int, int, void*) { return 0; });
        if (SSL_CTX_use_certificate_chain_file(&context, certificate.c_str()) != 1) {
            failed_option = "tls-certificate";
            failure = certificate.string() + " is no PEM certificate (" + openssl_reason() + ")";
            return false;
        }
        if (SSL_CTX_use_PrivateKey_file(&context, key.c_str(), SSL_FILETYPE_PEM) != 1) {
            failed_option = "tls-key";
            unsigned long code = 0;
            const auto reason = openssl_reason(&code);
            failure = ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH
                          ? key.string() + " is not the key of " + certificate.string() + " (" + reason + ")"
                          : key.string() + " is no PEM private key, or it is encrypted (" + reason + ")";
            return false;
        }
        if (SSL_CTX_check_private_key(&context) != 1) {
            failed_option = "tls-key";
            failure = key.string() + " is not the key of " + certificate.string() + " (" + openssl_reason() + ")";
            return false;
        }
        return true;
    });
    if (!server->is_valid())
        throw Error(Errc::io, failed_option.empty() ? "tls: OpenSSL could not start (" + openssl_reason() + ")"
                                                    : failed_option + ": " + failure,
                    failed_option.empty() ? "tls-certificate" : failed_option);
    return server;
}

} // namespace ropa::web
