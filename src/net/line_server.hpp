#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "net/handlers.hpp"
#include "net/shards.hpp"
#include "net/tls_context.hpp"
#include "net/write_stats.hpp"

namespace parley::net {

struct LineServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 6667;            // 0 picks a free port
    std::size_t max_line = 8191;          // bytes without the newline
    std::size_t queue_cap = 1024 * 1024;  // queued outgoing bytes before a slow reader is dropped
    // set_authenticated() must come within this; 0 disables the timer.
    std::chrono::milliseconds register_timeout{60000};
    std::string register_timeout_line;  // sent (as is, must end in \r\n) before closing on timeout
    std::chrono::milliseconds idle_timeout{0};    // 0: none (the IRC adapter does PING itself)
    std::size_t max_connections_per_address = 0;  // 0 = unlimited
    // Warnings as one key=value line each; called from any shard thread.
    std::function<void(std::string_view)> log;
    TlsOptions tls;  // with a context: TLS only (IRC over TLS)
};

// A line-oriented TCP listener (the IRC gateway's). Sessions are spread round-robin
// over the shards and live on the shard that accepted them; each hands complete
// lines to the LineHandler and writes the frames sent to it as they are.
class LineServer {
public:
    // Binds and listens at once; throws std::runtime_error("cannot listen on
    // HOST:PORT: reason") on failure. The handler must outlive the server.
    LineServer(Shards& shards, LineHandler& handler, LineServerOptions options);
    ~LineServer();  // stop()
    LineServer(const LineServer&) = delete;
    LineServer& operator=(const LineServer&) = delete;

    // "127.0.0.1:PORT" with the real port ("[::1]:PORT" for IPv6).
    std::string local_address() const;

    void start();  // begin accepting
    // Stops accepting, writes what each session has queued, then half-closes and
    // closes it; after about 2 s what is left is cut. Waits for the sessions to end
    // unless called on a shard thread or the shards are not running. Thread-safe and
    // idempotent.
    void stop();

    WriteStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley::net
