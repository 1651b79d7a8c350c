// One WebSocket connection after the upgrade; internal to net.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "net/connection.hpp"
#include "net/corked_stream.hpp"
#include "net/deferred_flush.hpp"
#include "net/gathered_writer.hpp"
#include "net/handlers.hpp"
#include "net/listener_state.hpp"
#include "net/maybe_tls_stream.hpp"
#include "net/server_state.hpp"
#include "net/session_timer.hpp"

namespace parley::net::detail {

// What HTTP and WebSocket sessions read and write: TCP, with TLS or without.
using HttpStream = MaybeTlsStream<boost::beast::tcp_stream>;

// Beast reads and does the protocol's handshakes; the session writes the data
// frames itself, each event framed once and shared by every recipient, queued
// and written at the end of the shard's round with the connection's other
// frames (gathered_writer.hpp). Beast's own writes join the same queue
// (corked_stream.hpp). The session stands on its own once the HTTP session
// hands it the connection: nothing of the HTTP side stays alive. Everything
// runs on the shard's thread; Connection calls made elsewhere are posted there.
class WsSession final : public Connection,
                        public Session,
                        public Flushable,
                        public CorkedOutput,
                        public std::enable_shared_from_this<WsSession> {
public:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;

    WsSession(std::shared_ptr<ServerState> server, std::size_t shard, HttpStream stream,
              ConnectionSlot slot, PeerInfo peer);

    // Accepts the upgrade, then reads until the connection ends; on_close is
    // called once it has, if on_open was. On the shard's thread.
    void start(Request request);
    // The server stops: close with 1001 once the queue is written.
    void shutdown() override;

    ConnId id() const override { return id_; }
    void send(Frame frame) override;
    void close(int code, std::string reason) override;
    void set_authenticated() override;
    void flush() override;
    void write_raw(Frame bytes) override;
    void when_drained(std::function<void()> then) override;

private:
    enum class Phase { handshake, open, closing, closed };
    using Clock = SessionTimer::Clock;
    using Socket = CorkedStream<HttpStream>;

    void accepted(const boost::system::error_code& error);
    void read_more();
    void on_read(const boost::system::error_code& error);
    void queue(Frame frame, std::string_view header);
    void request_flush();
    void drained();
    void arm_timer();
    void on_timer();
    void begin_close(int code, std::string_view reason, std::chrono::milliseconds grace);
    void close_within(std::chrono::milliseconds grace);
    void report_read_end(const boost::system::error_code& error);
    void force_close();
    void finish();
    bool on_shard_thread() const;
    boost::beast::tcp_stream& tcp() { return ws_.next_layer().next_layer().next_layer(); }
    HttpStream& stream() { return ws_.next_layer().next_layer(); }

    std::shared_ptr<ServerState> server_;
    std::size_t shard_;
    boost::beast::websocket::stream<Socket> ws_;
    ConnectionSlot slot_;
    PeerInfo peer_;
    ConnId id_ = 0;
    Phase phase_ = Phase::handshake;
    bool registered_ = false;  // in the shard registry, on_open called
    bool close_sent_ = false;  // the close handshake has begun
    GatheredWriter writer_;
    std::unique_ptr<Request> request_;  // until the upgrade is accepted
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::websocket::close_reason> pending_close_;
    std::function<void()> drained_then_;
    Clock::time_point auth_deadline_ = SessionTimer::never;
    Clock::time_point close_deadline_ = SessionTimer::never;
    SessionTimer timer_;
};

// Takes over an upgraded HTTP connection, its place in the per-address counts
// and the upgrade request, and serves it until it closes.
void start_ws_session(std::shared_ptr<ServerState> state, std::size_t shard, HttpStream stream,
                      ConnectionSlot slot, PeerInfo peer, WsSession::Request request);

}  // namespace parley::net::detail
