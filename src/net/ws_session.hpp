// One WebSocket connection after the upgrade; internal to net.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "net/connection.hpp"
#include "net/handlers.hpp"
#include "net/maybe_tls_stream.hpp"
#include "net/server_state.hpp"

namespace parley::net::detail {

// What HTTP and WebSocket sessions read and write: TCP, with TLS or without.
using HttpStream = MaybeTlsStream<boost::beast::tcp_stream>;

// A reader coroutine that owns the session, and one writer draining a queue capped
// in bytes. Everything runs on the shard's thread; Connection calls made elsewhere
// are posted there.
class WsSession final : public Connection, public std::enable_shared_from_this<WsSession> {
public:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;

    WsSession(std::shared_ptr<ServerState> server, std::size_t shard, HttpStream stream,
              PeerInfo peer);

    // Accepts the upgrade, then reads until the connection ends; on_close is
    // called before it returns if on_open was.
    boost::asio::awaitable<void> run(Request request);
    // The server stops: close with 1001 once the queue is written.
    void shutdown();

    ConnId id() const override { return id_; }
    void send(Frame frame) override;
    void close(int code, std::string reason) override;
    void set_authenticated() override;

private:
    enum class Phase { handshake, open, closing, closed };
    using Self = std::shared_ptr<WsSession>;

    boost::asio::awaitable<bool> open(Request request);
    boost::asio::awaitable<void> read_loop();
    boost::asio::awaitable<void> write_loop(Self self);
    boost::asio::awaitable<void> watch_authentication(Self self);
    boost::asio::awaitable<void> watch_close_deadline(Self self);
    void begin_close(int code, std::string_view reason, std::chrono::milliseconds grace);
    void arm_close_deadline(std::chrono::milliseconds grace);
    void report_read_end(const boost::system::error_code& error);
    void force_close();
    void finish();
    bool on_shard_thread() const;

    std::shared_ptr<ServerState> server_;
    std::size_t shard_;
    boost::beast::websocket::stream<HttpStream> ws_;
    PeerInfo peer_;
    ConnId id_ = 0;
    Phase phase_ = Phase::handshake;
    bool registered_ = false;  // in the shard registry, on_open called
    bool authenticated_ = false;
    bool deadline_armed_ = false;
    std::deque<Frame> queue_;
    std::size_t queued_bytes_ = 0;  // including the frame being written
    std::optional<boost::beast::websocket::close_reason> pending_close_;
    boost::asio::steady_timer wake_writer_;
    boost::asio::steady_timer auth_timer_;
    boost::asio::steady_timer close_deadline_;
};

}  // namespace parley::net::detail
