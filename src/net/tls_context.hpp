#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parley::net {

namespace detail {
struct TlsAccess;
}

// A certificate chain and its private key, both PEM files.
struct TlsFiles {
    std::filesystem::path certificate;
    std::filesystem::path key;
};

// The certificate and settings every TLS listener hands to new handshakes: TLS 1.2 and
// 1.3 only, ECDHE with AEAD ciphers for 1.2 (Mozilla's "intermediate" profile without
// DHE). Thread-safe. A reload swaps in a fresh pair for the handshakes that follow;
// connections already open keep the pair they started with.
class TlsContext {
public:
    // Reads and checks the pair: both files readable, PEM, the key matching the
    // certificate. The error (invalid_field) is a sentence naming the file and problem.
    static core::Result<std::shared_ptr<TlsContext>> load(TlsFiles files);

    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    // Reads the same files again (after a renewal). On error the pair in use stays.
    core::Status reload();

    const TlsFiles& files() const;
    // When the certificate in use expires, "2027-11-22T04:29:42Z", for the logs: an
    // administrator sees at start-up and after each reload how long it has left.
    std::string expires() const;

private:
    friend struct detail::TlsAccess;
    struct Impl;
    explicit TlsContext(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// TLS on a listener; without a context the listener speaks plain TCP.
struct TlsOptions {
    std::shared_ptr<TlsContext> context;
    // A client that has not finished its handshake by then is cut off.
    std::chrono::milliseconds handshake_timeout{10000};
    // Failed handshakes (a plaintext client, a scanner): routine, so kept apart from the
    // warnings; one key=value line each, called from any shard thread. May be empty.
    std::function<void(std::string_view)> note;
};

}  // namespace parley::net
