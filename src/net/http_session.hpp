#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>

#include "net/server_state.hpp"

namespace parley::net::detail {

// Takes an accepted socket (already bound to the shard's io_context) and its place
// in the per-address counts, then serves HTTP on it, or a WebSocket after an upgrade.
void start_http_session(std::shared_ptr<ServerState> state, std::size_t shard,
                        boost::asio::ip::tcp::socket socket, ConnectionSlot slot, PeerInfo peer);

}  // namespace parley::net::detail
