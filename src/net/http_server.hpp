#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "net/handlers.hpp"
#include "net/write_stats.hpp"
#include "net/shards.hpp"
#include "net/tls_context.hpp"

namespace parley::net {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;                      // 0 picks a free port
    std::vector<std::string> allowed_origins;       // besides the server's own origin
    std::size_t ws_max_frame = 64 * 1024;           // a larger message is closed with 1009
    std::size_t ws_queue_cap = 4 * 1024 * 1024;     // queued bytes before a slow reader is dropped
    std::chrono::milliseconds auth_timeout{10000};  // 0 disables the authentication timer
    std::string auth_timeout_frame;  // text frame sent before closing 4001 on timeout
    std::chrono::milliseconds idle_timeout{60000};  // WebSocket: pings at half of it
    std::size_t max_connections_per_address = 0;    // 0 = unlimited
    std::size_t max_header_bytes = 16 * 1024;
    // Warnings as one key=value line each; called from any shard thread.
    std::function<void(std::string_view)> log;
    // With a context: HTTPS and WSS only, and every response carries HSTS.
    TlsOptions tls;
};

// HTTP/1.1 and WebSocket (GET /api/v1/ws) on one port. Sessions are spread
// round-robin over the shards and live on the shard that accepted them.
class HttpServer {
public:
    // Binds and listens at once; throws std::runtime_error("cannot listen on
    // HOST:PORT: reason") on failure. The handlers must outlive the server.
    HttpServer(Shards& shards, HttpHandler& http, WsHandler& ws, ServerOptions options);
    ~HttpServer();  // stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // "127.0.0.1:PORT" with the real port ("[::1]:PORT" for IPv6).
    std::string local_address() const;

    void start();  // begin accepting
    // Stops accepting, closes every WebSocket with 1001 once its queue is written
    // and drops idle HTTP connections; after about 2 s what is left is cut. Waits
    // for the sessions to end unless called on a shard thread or the shards are not
    // running. Thread-safe and idempotent.
    void stop();

    // WebSocket frames written since the server was made, and the socket
    // writes that carried them.
    WriteStats websocket_stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley::net
