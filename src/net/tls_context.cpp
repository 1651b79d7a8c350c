#include "net/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <string>
#include <utility>

#include "net/tls_internals.hpp"

namespace parley::net {

namespace ssl = boost::asio::ssl;

namespace {

// Mozilla "intermediate" for TLS 1.2, ECDHE key exchange and AEAD ciphers only.
// TLS 1.3 keeps OpenSSL's default suites, which are all AEAD.
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* groups = "X25519:P-256:P-384";

using ContextPtr = std::shared_ptr<ssl::context>;

// The certificate's notAfter in ISO 8601, or "unknown".
std::string not_after(SSL_CTX* context) {
    X509* certificate = SSL_CTX_get0_certificate(context);
    std::tm time{};
    if (!certificate || ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &time) != 1) {
        return "unknown";
    }
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &time);
    return text;
}

// The oldest error OpenSSL queued, in words; the queue is left empty.
std::string openssl_reason() {
    unsigned long code = ERR_peek_error();
    char text[256] = "unknown OpenSSL error";
    if (code != 0) ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
}

core::Error problem(std::string sentence) {
    return core::Error{core::Errc::invalid_field, std::move(sentence)};
}

core::Error mismatch(const TlsFiles& files) {
    return problem("The TLS key " + files.key.string() + " does not match the certificate " +
                   files.certificate.string() + ".");
}

// OpenSSL's own messages do not say which file was unreadable: check first.
core::Status check_readable(const std::filesystem::path& file, const char* what) {
    std::ifstream stream(file);
    if (!stream) {
        return problem(std::string("Cannot read the TLS ") + what + " " + file.string() + ": " +
                       std::strerror(errno) + ".");
    }
    return core::success();
}

// An encrypted key would make OpenSSL prompt on the terminal: refuse it instead.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*purpose*/, void* /*user*/) { return 0; }

core::Status apply_profile(SSL_CTX* context) {
    SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    // Idle connections give their record buffers back: most chat connections are idle.
    SSL_CTX_set_mode(context, SSL_MODE_RELEASE_BUFFERS);
    if (SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(context, tls12_ciphers) != 1 ||
        SSL_CTX_set1_groups_list(context, groups) != 1) {
        return problem("The TLS settings were refused by OpenSSL: " + openssl_reason() + ".");
    }
    SSL_CTX_set_default_passwd_cb(context, no_passphrase);
    return core::success();
}

core::Result<ContextPtr> make_context(const TlsFiles& files) {
    if (auto readable = check_readable(files.certificate, "certificate"); !readable) {
        return readable.error();
    }
    if (auto readable = check_readable(files.key, "key"); !readable) return readable.error();
    ERR_clear_error();
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    if (auto profile = apply_profile(native); !profile) return profile.error();
    const std::string certificate = files.certificate.string();
    const std::string key = files.key.string();
    if (SSL_CTX_use_certificate_chain_file(native, certificate.c_str()) != 1) {
        return problem("The TLS certificate " + certificate +
                       " is not a usable PEM certificate chain: " + openssl_reason() + ".");
    }
    const bool key_used = SSL_CTX_use_PrivateKey_file(native, key.c_str(), SSL_FILETYPE_PEM) == 1;
    if (!key_used && ERR_GET_REASON(ERR_peek_error()) == X509_R_KEY_VALUES_MISMATCH) {
        ERR_clear_error();
        return mismatch(files);
    }
    if (!key_used) {
        return problem("The TLS key " + key +
                       " is not a usable PEM private key (an encrypted key is not supported): " +
                       openssl_reason() + ".");
    }
    if (SSL_CTX_check_private_key(native) != 1) {
        ERR_clear_error();
        return mismatch(files);
    }
    return context;
}

}  // namespace

struct TlsContext::Impl {
    TlsFiles files;
    mutable std::mutex mutex;
    ContextPtr current;   // guarded by mutex
    std::string expires;  // of current; guarded by mutex
};

TlsContext::TlsContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TlsContext::~TlsContext() = default;

core::Result<std::shared_ptr<TlsContext>> TlsContext::load(TlsFiles files) {
    auto context = make_context(files);
    if (!context) return context.error();
    auto impl = std::make_unique<Impl>();
    impl->files = std::move(files);
    impl->current = std::move(*context);
    impl->expires = not_after(impl->current->native_handle());
    return std::shared_ptr<TlsContext>(new TlsContext(std::move(impl)));
}

core::Status TlsContext::reload() {
    auto context = make_context(impl_->files);
    if (!context) return context.error();
    std::string expires = not_after((*context)->native_handle());
    std::lock_guard lock(impl_->mutex);
    impl_->current = std::move(*context);
    impl_->expires = std::move(expires);
    return core::success();
}

const TlsFiles& TlsContext::files() const { return impl_->files; }

std::string TlsContext::expires() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->expires;
}

namespace detail {

std::shared_ptr<ssl::context> TlsAccess::current(const TlsContext& tls) {
    std::lock_guard lock(tls.impl_->mutex);
    return tls.impl_->current;
}

}  // namespace detail

}  // namespace parley::net
