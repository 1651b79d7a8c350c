// What net's sessions need from TlsContext; internal to net.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "net/tls_context.hpp"

namespace parley::net::detail {

struct TlsAccess {
    // The context for a new handshake. A session keeps it for its lifetime, so a
    // reload never pulls it away from an open connection.
    static std::shared_ptr<boost::asio::ssl::context> current(const TlsContext& tls);
};

}  // namespace parley::net::detail
