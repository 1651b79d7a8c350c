#pragma once

#include <string>

#include "core/result.hpp"
#include "net/tls_context.hpp"

namespace parley::net {

struct SelfSignedRequest {
    std::string host;  // a DNS name or an IP address: the certificate's subject and SAN
    TlsFiles files;    // where the pair goes; the folder must exist
    int days = 365;    // validity from now
};

// Makes an ECDSA P-256 key and a certificate for it signed by itself, for trying TLS
// out. Each file is written to a temporary file beside it, then renamed over it, so an
// error leaves no partial file; the key is readable by its owner only (mode 0600).
// Errors (invalid_field, internal) say which step or file failed.
core::Status write_self_signed(const SelfSignedRequest& request);

}  // namespace parley::net
