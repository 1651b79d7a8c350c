// One connection of a line protocol (IRC) over TCP, with TLS or without; internal to net.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/connection.hpp"
#include "net/deferred_flush.hpp"
#include "net/gathered_writer.hpp"
#include "net/handlers.hpp"
#include "net/line_server_state.hpp"
#include "net/line_splitter.hpp"
#include "net/maybe_tls_stream.hpp"
#include "net/session_timer.hpp"

namespace parley::net::detail {

using LineStream = MaybeTlsStream<boost::asio::ip::tcp::socket>;

// Built for many mostly idle connections and for fan-out, so a session keeps
// little of its own while idle: no coroutine frames, no read buffer (a plain
// connection waits for readability and reads into its shard's buffer; only TLS
// needs one of its own), one timer for whichever deadline comes first. Queued
// frames are written when the shard flushes (deferred_flush.hpp), several per
// system call, straight from the shared frames, without waking anything.
// Everything runs on the shard's thread; Connection calls made elsewhere are
// posted there.
class LineSession final : public Connection,
                          public Session,
                          public Flushable,
                          public std::enable_shared_from_this<LineSession> {
public:
    LineSession(std::shared_ptr<LineServerState> server, std::size_t shard, LineStream stream,
                ConnectionSlot slot, PeerInfo peer);

    // Registers the connection, calls on_open, then reads until the connection
    // ends; on_close is called once it has. On the shard's thread.
    void start();
    // The server stops: write what is queued, then close.
    void shutdown() override;

    ConnId id() const override { return id_; }
    void send(Frame frame) override;
    // The code and reason are for WebSockets: a line protocol says goodbye in a
    // line of its own, sent before this.
    void close(int code, std::string reason) override;
    void set_authenticated() override;
    void flush() override;

private:
    enum class Phase { Open, Closing, Closed };
    using Clock = SessionTimer::Clock;

    boost::asio::awaitable<void> handshake(std::shared_ptr<LineSession> keep_alive);
    void open();
    void read_more();
    void on_readable(const boost::system::error_code& error);
    void on_read(const boost::system::error_code& error, std::size_t bytes);
    void deliver(std::string_view input);
    void request_flush();
    void arm_timer();
    void on_timer();
    void begin_close(std::chrono::milliseconds grace);
    void close_within(std::chrono::milliseconds grace);
    void half_close();
    void drop_too_slow();
    void report_read_end(const boost::system::error_code& error);
    void force_close();
    void finish();
    bool on_shard_thread() const;
    boost::asio::ip::tcp::socket& socket() { return stream_.next_layer(); }

    std::shared_ptr<LineServerState> server_;
    std::size_t shard_;
    LineStream stream_;
    ConnectionSlot slot_;
    PeerInfo peer_;
    ConnId id_ = 0;
    Phase phase_ = Phase::Open;
    bool registered_ = false;  // in the shard registry and the server's sessions, on_open called
    bool authenticated_ = false;
    LineSplitter splitter_;
    Clock::time_point last_read_;
    Clock::time_point registration_deadline_ = SessionTimer::never;
    Clock::time_point close_deadline_ = SessionTimer::never;
    GatheredWriter writer_;
    std::unique_ptr<char[]> tls_buffer_;  // TLS: records are decrypted into it
    SessionTimer timer_;
};

// Takes an accepted socket (already bound to the shard's io_context) and its place
// in the per-address counts, and serves it until it closes.
void start_line_session(std::shared_ptr<LineServerState> state, std::size_t shard,
                        boost::asio::ip::tcp::socket socket, ConnectionSlot slot, PeerInfo peer);

}  // namespace parley::net::detail
