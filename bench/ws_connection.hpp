// One WebSocket client connection to 127.0.0.1. Set-up (open, write_one,
// read_one) runs under one deadline; after start() frames arrive through a
// handler, and send() queues frames for the single writer. Every call after
// open() belongs on the connection's own executor.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace parley::bench {

class WsConnection {
public:
    using FrameHandler = std::function<void(std::string_view frame)>;
    // Once, when the connection ends for any reason: `why` says how.
    using EndHandler = std::function<void(const std::string& why)>;

    explicit WsConnection(boost::asio::any_io_executor executor);
    ~WsConnection();
    WsConnection(const WsConnection&) = delete;
    WsConnection& operator=(const WsConnection&) = delete;

    boost::asio::any_io_executor executor() const;

    // Connects from 127.0.0.`source_host` (1..254) and upgrades; the deadline
    // covers everything until start().
    boost::asio::awaitable<void> open(std::uint16_t port, unsigned source_host,
                                      std::chrono::milliseconds deadline);
    boost::asio::awaitable<void> write_one(std::string text);
    boost::asio::awaitable<std::string> read_one();

    // Clears the deadline and reads until the connection ends.
    void start(FrameHandler on_frame, EndHandler on_end);
    void send(std::string text);
    // Closes the socket at once, no closing handshake (a client that vanished).
    void close();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace parley::bench
