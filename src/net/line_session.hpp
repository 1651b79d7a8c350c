// One connection of a line protocol (IRC) over TCP, with TLS or without; internal to net.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "net/connection.hpp"
#include "net/handlers.hpp"
#include "net/line_server_state.hpp"
#include "net/line_splitter.hpp"
#include "net/maybe_tls_stream.hpp"

namespace parley::net::detail {

using LineStream = MaybeTlsStream<boost::asio::ip::tcp::socket>;

// A reader coroutine that owns the session and hands complete lines to the
// handler, and one writer that gathers queued frames into few socket writes, its
// queue capped in bytes. Everything runs on the shard's thread; Connection calls
// made elsewhere are posted there.
class LineSession final : public Connection,
                          public Session,
                          public std::enable_shared_from_this<LineSession> {
public:
    LineSession(std::shared_ptr<LineServerState> server, std::size_t shard, LineStream stream,
                ConnectionSlot slot, PeerInfo peer);

    // Registers the connection, calls on_open, then reads until the connection
    // ends; on_close is called before it returns.
    boost::asio::awaitable<void> run();
    // The server stops: write what is queued, then close.
    void shutdown() override;

    ConnId id() const override { return id_; }
    void send(Frame frame) override;
    // The code and reason are for WebSockets: a line protocol says goodbye in a
    // line of its own, sent before this.
    void close(int code, std::string reason) override;
    void set_authenticated() override;

private:
    enum class Phase { Open, Closing, Closed };
    using Self = std::shared_ptr<LineSession>;
    using Clock = boost::asio::steady_timer::clock_type;

    void open();
    boost::asio::awaitable<void> read_loop();
    void deliver(std::string_view input);
    boost::asio::awaitable<void> write_loop(Self self);
    boost::asio::awaitable<bool> write_batch();
    boost::asio::awaitable<void> watch_registration(Self self);
    boost::asio::awaitable<void> watch_idle(Self self);
    boost::asio::awaitable<void> watch_close_deadline(Self self);
    void wake_writer();
    void begin_close(std::chrono::milliseconds grace);
    void arm_close_deadline(std::chrono::milliseconds grace);
    void half_close();
    void drop_too_slow();
    void report_read_end(const boost::system::error_code& error);
    void force_close();
    void finish();
    bool on_shard_thread() const;

    std::shared_ptr<LineServerState> server_;
    std::size_t shard_;
    LineStream stream_;
    ConnectionSlot slot_;
    PeerInfo peer_;
    ConnId id_ = 0;
    Phase phase_ = Phase::Open;
    bool registered_ = false;  // in the shard registry, on_open called
    bool authenticated_ = false;
    bool deadline_armed_ = false;
    bool writer_waiting_ = false;
    LineSplitter splitter_;
    Clock::time_point last_read_;
    std::deque<Frame> queue_;
    std::size_t queued_bytes_ = 0;  // including the frames being written
    boost::asio::steady_timer wake_writer_;
    boost::asio::steady_timer registration_timer_;
    boost::asio::steady_timer idle_timer_;
    boost::asio::steady_timer close_deadline_;
};

// Takes an accepted socket (already bound to the shard's io_context) and its place
// in the per-address counts, and serves it until it closes.
void start_line_session(std::shared_ptr<LineServerState> state, std::size_t shard,
                        boost::asio::ip::tcp::socket socket, ConnectionSlot slot, PeerInfo peer);

}  // namespace parley::net::detail
