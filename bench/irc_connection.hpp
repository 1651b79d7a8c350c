// One plain-TCP IRC client connection to 127.0.0.1 (any server: parleyd's
// gateway, ngIRCd, InspIRCd). Set-up (open, read_line) runs under one
// deadline; after start() lines arrive through a handler. The server's PING
// is answered here in both phases. send() appends CR LF and coalesces what
// is queued into one write. Every call after open() belongs on the
// connection's own executor.
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

class IrcConnection {
public:
    using LineHandler = std::function<void(std::string_view line)>;  // without CR LF
    using EndHandler = std::function<void(const std::string& why)>;

    explicit IrcConnection(boost::asio::any_io_executor executor);
    ~IrcConnection();
    IrcConnection(const IrcConnection&) = delete;
    IrcConnection& operator=(const IrcConnection&) = delete;

    boost::asio::any_io_executor executor() const;

    // Connects from 127.0.0.`source_host` (1..254) to 127.0.0.1:port; the
    // deadline covers everything until start().
    boost::asio::awaitable<void> open(std::uint16_t port, unsigned source_host,
                                      std::chrono::milliseconds deadline);
    boost::asio::awaitable<std::string> read_line();

    void start(LineHandler on_line, EndHandler on_end);
    void send(std::string_view line);
    // Closes the socket at once, without QUIT (a client that vanished).
    void close();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace parley::bench
