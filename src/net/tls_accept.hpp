// The start of every session on a listener that may speak TLS; internal to net.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "net/handlers.hpp"
#include "net/listener_state.hpp"
#include "net/maybe_tls_stream.hpp"
#include "net/tls_internals.hpp"

namespace parley::net::detail {

// Wraps an accepted connection in TLS when the listener has a certificate; each new
// connection takes the certificate current at that moment (see TlsContext::reload).
template <class NextLayer>
MaybeTlsStream<NextLayer> accept_stream(const ListenerState& state, NextLayer next) {
    if (!state.tls.context) return MaybeTlsStream<NextLayer>(std::move(next));
    return MaybeTlsStream<NextLayer>(std::move(next), TlsAccess::current(*state.tls.context));
}

// True when the connection may go on. A failed handshake (a plaintext client, an old
// TLS version, a silent client) ends that connection only and is noted, not warned:
// any scanner on the internet causes them.
template <class NextLayer>
boost::asio::awaitable<bool> finish_tls_handshake(const ListenerState& state,
                                                  MaybeTlsStream<NextLayer>& stream,
                                                  const PeerInfo& peer, std::string_view proto) {
    if (!stream.is_tls()) co_return true;
    auto error = co_await stream.handshake(state.tls.handshake_timeout);
    if (!error) co_return true;
    state.note("event=tls_handshake_failed proto=" + std::string(proto) + " peer=" + peer.address +
               " error=\"" + error.message() + "\"");
    co_return false;
}

}  // namespace parley::net::detail
