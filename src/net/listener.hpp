// The accepting half of every server in net; internal to net.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "net/handlers.hpp"
#include "net/listener_state.hpp"

namespace parley::net::detail {

// An acceptor on shard 0. Each socket is accepted straight onto the io_context of
// the shard that will serve it, round-robin, and counted against its address
// before it is handed on.
class Listener {
public:
    // Called on shard 0 with a socket bound to `shard`'s io_context.
    using Serve = std::function<void(std::size_t shard, boost::asio::ip::tcp::socket socket,
                                     ConnectionSlot slot, PeerInfo peer)>;

    // Binds and listens at once; throws std::runtime_error("cannot listen on
    // HOST:PORT: reason") on failure.
    Listener(std::shared_ptr<ListenerState> state, const std::string& host, std::uint16_t port);
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    // "127.0.0.1:PORT" with the real port ("[::1]:PORT" for IPv6).
    std::string local_address() const;

    void start(Serve serve);  // begin accepting; once
    // Stops accepting and calls shutdown() on every session, then waits for the
    // sessions to end (about shutdown_grace) unless called on a shard thread or the
    // shards are not running. Thread-safe and idempotent.
    void stop();

private:
    std::shared_ptr<ListenerState> state_;
    // Held apart from the state: it belongs to shard 0, the sessions to any shard.
    std::shared_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
    boost::asio::ip::tcp::endpoint endpoint_;
    std::atomic<bool> started_{false};
};

// The remote IP address without the port (IPv4-mapped IPv6 as IPv4), or empty.
std::string peer_address(const boost::asio::ip::tcp::socket& socket);

}  // namespace parley::net::detail
