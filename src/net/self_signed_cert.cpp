#include "net/self_signed_cert.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace parley::net {

namespace {

template <auto Free>
struct Deleter {
    template <class T>
    void operator()(T* pointer) const {
        Free(pointer);
    }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

constexpr int serial_bits = 127;  // positive and under 20 bytes, as RFC 5280 asks

core::Error openssl_failed(std::string_view step) {
    unsigned long code = ERR_peek_error();
    char text[256] = "unknown OpenSSL error";
    if (code != 0) ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return core::Error{core::Errc::internal, "Could not " + std::string(step) + ": " + text + "."};
}

bool is_ip_address(const std::string& host) {
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

bool add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    return extension && X509_add_ext(cert, extension.get(), -1) == 1;
}

bool set_serial(X509* cert) {
    BignumPtr serial(BN_new());
    return serial && BN_rand(serial.get(), serial_bits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
           BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) != nullptr;
}

bool set_identity(X509* cert, const std::string& host) {
    X509_NAME* name = X509_get_subject_name(cert);
    const auto* common_name = reinterpret_cast<const unsigned char*>(host.c_str());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, common_name, -1, -1, 0) != 1) {
        return false;
    }
    const std::string san = (is_ip_address(host) ? "IP:" : "DNS:") + host;
    return X509_set_issuer_name(cert, name) == 1 &&
           add_extension(cert, NID_subject_alt_name, san) &&
           add_extension(cert, NID_basic_constraints, "critical,CA:FALSE") &&
           add_extension(cert, NID_ext_key_usage, "serverAuth");
}

core::Result<CertPtr> make_certificate(EVP_PKEY* key, const SelfSignedRequest& request) {
    CertPtr cert(X509_new());
    const long seconds = static_cast<long>(request.days) * 24 * 60 * 60;
    if (!cert || X509_set_version(cert.get(), 2) != 1 || !set_serial(cert.get()) ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), seconds) ||
        X509_set_pubkey(cert.get(), key) != 1 || !set_identity(cert.get(), request.host)) {
        return openssl_failed("fill in the certificate for " + request.host);
    }
    if (X509_sign(cert.get(), key, EVP_sha256()) == 0) {
        return openssl_failed("sign the certificate");
    }
    return cert;
}

std::string bio_contents(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

core::Result<std::string> key_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return openssl_failed("encode the key as PEM");
    }
    return bio_contents(bio.get());
}

core::Result<std::string> cert_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
        return openssl_failed("encode the certificate as PEM");
    }
    return bio_contents(bio.get());
}

core::Error write_failed(const std::filesystem::path& target, int error) {
    return core::Error{core::Errc::invalid_field,
                       "Cannot write " + target.string() + ": " + std::strerror(error) + "."};
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// A reader of `target` sees the old file or the whole new one, never a part.
core::Status write_atomically(const std::filesystem::path& target, std::string_view bytes,
                              mode_t mode) {
    std::string temporary = target.string() + ".tmp-XXXXXX";
    int fd = ::mkstemp(temporary.data());  // mode 0600 from the start
    if (fd < 0) return write_failed(target, errno);
    bool written = ::fchmod(fd, mode) == 0 && write_all(fd, bytes) && ::fsync(fd) == 0;
    int error = errno;
    written = ::close(fd) == 0 && written;
    if (written && ::rename(temporary.c_str(), target.c_str()) == 0) return core::success();
    if (written) error = errno;
    ::unlink(temporary.c_str());
    return write_failed(target, error);
}

}  // namespace

core::Status write_self_signed(const SelfSignedRequest& request) {
    if (request.host.empty()) {
        return core::Error{core::Errc::invalid_field, "The certificate needs a host name."};
    }
    if (request.days < 1) {
        return core::Error{core::Errc::invalid_field, "The validity must be at least one day."};
    }
    ERR_clear_error();
    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key) return openssl_failed("make an ECDSA P-256 key");
    auto cert = make_certificate(key.get(), request);
    if (!cert) return cert.error();
    auto key_text = key_pem(key.get());
    if (!key_text) return key_text.error();
    auto cert_text = cert_pem(cert->get());
    if (!cert_text) return cert_text.error();
    // The key first: a certificate without its key would be of no use.
    if (auto status = write_atomically(request.files.key, *key_text, 0600); !status) return status;
    return write_atomically(request.files.certificate, *cert_text, 0644);
}

}  // namespace parley::net
