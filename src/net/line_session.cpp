#include "net/line_session.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <exception>
#include <string>

#include "net/shard_internals.hpp"
#include "net/tls_accept.hpp"

namespace parley::net::detail {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

// What one read takes from a socket. Plain connections read into their shard's
// buffer, so its size costs nothing per connection.
constexpr std::size_t shard_read_bytes = 16384;
constexpr std::size_t tls_read_bytes = 4096;
// A busy peer yields to the others after this many full reads in a row.
constexpr int max_reads_per_turn = 4;
constexpr std::chrono::milliseconds close_grace{10000};  // writing the queue
// Once our side is shut, the peer's end of stream tells us it has read everything;
// closing earlier with its bytes unread would reset the connection and could
// destroy the last lines, an ERROR for instance, before the client reads them.
constexpr std::chrono::milliseconds linger_grace{2000};
constexpr std::chrono::milliseconds idle_grace{1000};
constexpr auto never = SessionTimer::never;

// End of stream, cancellation or a reset are how sessions end.
bool is_quiet(const error_code& error) {
    return error == asio::error::eof || error == asio::error::operation_aborted ||
           error == asio::error::connection_reset || error == asio::error::broken_pipe ||
           error == asio::error::bad_descriptor || is_truncated(error);
}

bool would_block(const error_code& error) {
    return error == asio::error::would_block || error == asio::error::try_again;
}

}  // namespace

LineSession::LineSession(std::shared_ptr<LineServerState> server, std::size_t shard,
                         LineStream stream, ConnectionSlot slot, PeerInfo peer)
    : server_(std::move(server)),
      shard_(shard),
      stream_(std::move(stream)),
      slot_(std::move(slot)),
      peer_(std::move(peer)),
      splitter_(server_->options.max_line),
      timer_(stream_.get_executor()) {}

void LineSession::start() {
    server_->sessions(shard_).insert(this);
    if (!stream_.is_tls()) return open();
    tls_buffer_ = std::make_unique<char[]>(tls_read_bytes);
    asio::co_spawn(stream_.get_executor(), handshake(shared_from_this()), asio::detached);
}

asio::awaitable<void> LineSession::handshake(std::shared_ptr<LineSession> /*keep_alive*/) {
    // A plain statement: GCC 12 miscompiles co_await inside a short-circuit condition.
    const bool secured = co_await finish_tls_handshake(*server_, stream_, peer_, "irc");
    if (secured && phase_ == Phase::Open) {
        open();
    } else {
        finish();
    }
}

void LineSession::open() {
    // Accepted just as the server stopped: its shutdown() may have been missed.
    if (server_->stopping) return finish();
    error_code ignored;
    // Lines are small and interactive: never wait for the peer's delayed ACK.
    socket().set_option(tcp::no_delay(true), ignored);
    // Reads and writes are tried at once and come back would_block when the
    // socket has nothing or no room; only then do we wait.
    socket().non_blocking(true, ignored);
    id_ = ShardAccess::next_id(server_->shards, shard_);
    ShardAccess::add(server_->shards, *this);
    registered_ = true;
    last_read_ = Clock::now();
    if (server_->options.register_timeout.count() > 0) {
        registration_deadline_ = last_read_ + server_->options.register_timeout;
    }
    try {
        server_->handler.on_open(shared_from_this(), peer_);
    } catch (const std::exception& error) {
        server_->warn("event=irc_session_failed conn=" + std::to_string(id_) + " what=\"" +
                      error.what() + "\"");
        return finish();
    }
    arm_timer();
    read_more();
}

// Goes on reading while closing, discarding what arrives, until the peer ends its
// side or the close deadline cuts the connection. Only the end of reading ends
// the session (finish()).
void LineSession::read_more() {
    if (phase_ == Phase::Closed) return;
    auto self = shared_from_this();
    if (tls_buffer_) {
        stream_.async_read_some(asio::buffer(tls_buffer_.get(), tls_read_bytes),
                                [this, self](error_code error, std::size_t bytes) {
                                    on_read(error, bytes);
                                });
    } else {
        socket().async_wait(tcp::socket::wait_read,
                            [this, self](error_code error) { on_readable(error); });
    }
}

void LineSession::on_readable(const error_code& error) {
    if (error) {
        report_read_end(error);
        return finish();
    }
    thread_local std::array<char, shard_read_bytes> buffer;  // one per shard thread
    for (int read = 0; read < max_reads_per_turn; ++read) {
        error_code read_error;
        std::size_t bytes = socket().read_some(asio::buffer(buffer), read_error);
        if (would_block(read_error)) break;
        if (read_error) {
            report_read_end(read_error);
            return finish();
        }
        last_read_ = Clock::now();
        deliver(std::string_view(buffer.data(), bytes));
        if (bytes < buffer.size()) break;
    }
    read_more();
}

void LineSession::on_read(const error_code& error, std::size_t bytes) {
    if (error) {
        report_read_end(error);
        return finish();
    }
    last_read_ = Clock::now();
    deliver(std::string_view(tls_buffer_.get(), bytes));
    read_more();
}

void LineSession::deliver(std::string_view input) {
    while (phase_ == Phase::Open) {
        auto line = splitter_.next(input);
        if (!line) return;
        if (line->status == LineStatus::TooLong) {
            server_->handler.on_line_too_long(id_);
        } else {
            server_->handler.on_line(id_, std::move(line->text));
        }
    }
}

void LineSession::send(Frame frame) {
    if (!on_shard_thread()) {
        asio::post(stream_.get_executor(),
                   [self = shared_from_this(), frame = std::move(frame)] { self->send(frame); });
        return;
    }
    if (phase_ != Phase::Open || !frame) return;
    if (!writer_.push(std::move(frame), {}, server_->options.queue_cap)) return drop_too_slow();
    request_flush();
}

void LineSession::request_flush() {
    if (phase_ != Phase::Closed) writer_.request_flush(server_->shards, shard_, shared_from_this());
}

void LineSession::flush() {
    if (phase_ == Phase::Closed) return;
    LineStream* tls = stream_.is_tls() ? &stream_ : nullptr;
    switch (writer_.flush(socket(), tls, shared_from_this(), server_->counters)) {
        case Flushed::drained:
            if (phase_ == Phase::Closing) half_close();
            return;
        case Flushed::more: return request_flush();  // after the other connections
        case Flushed::failed: return force_close();
        case Flushed::pending: return;
    }
}

// The timer waits for the earliest deadline.
void LineSession::arm_timer() {
    auto deadline = std::min(registration_deadline_, close_deadline_);
    const auto idle_timeout = server_->options.idle_timeout;
    if (idle_timeout.count() > 0 && phase_ == Phase::Open) {
        deadline = std::min(deadline, last_read_ + idle_timeout);
    }
    if (phase_ == Phase::Closed) deadline = never;
    timer_.wait_until(deadline, [this, self = shared_from_this()] { on_timer(); });
}

// Reads move the idle deadline without touching the timer: it is checked here.
void LineSession::on_timer() {
    if (phase_ == Phase::Closed) return;
    const auto now = Clock::now();
    if (now >= close_deadline_) return force_close();  // a peer that doesn't drain or end
    const auto idle_timeout = server_->options.idle_timeout;
    if (phase_ == Phase::Open && !authenticated_ && now >= registration_deadline_) {
        registration_deadline_ = never;
        if (server_->register_timeout_frame) send(server_->register_timeout_frame);
        begin_close(close_grace);
    } else if (phase_ == Phase::Open && idle_timeout.count() > 0 &&
               now >= last_read_ + idle_timeout) {
        begin_close(idle_grace);
    }
    arm_timer();
}

void LineSession::close(int /*code*/, std::string /*reason*/) {
    if (!on_shard_thread()) {
        asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close(0, {}); });
        return;
    }
    if (phase_ == Phase::Open) begin_close(close_grace);
}

void LineSession::set_authenticated() {
    if (!on_shard_thread()) {
        asio::post(stream_.get_executor(),
                   [self = shared_from_this()] { self->set_authenticated(); });
        return;
    }
    authenticated_ = true;
    registration_deadline_ = never;
    arm_timer();
}

void LineSession::shutdown() {
    if (!registered_) return force_close();  // still in its TLS handshake
    begin_close(shutdown_grace);
}

// Writes what is queued, then ends our side.
void LineSession::begin_close(std::chrono::milliseconds grace) {
    if (phase_ == Phase::Open) {
        phase_ = Phase::Closing;
        registration_deadline_ = never;
    }
    if (phase_ != Phase::Closing) return;
    close_within(grace);
    request_flush();
}

void LineSession::close_within(std::chrono::milliseconds grace) {
    close_deadline_ = std::min(close_deadline_, Clock::now() + grace);
    arm_timer();
}

// Everything queued is written: end our side and wait a little for the peer's.
void LineSession::half_close() {
    error_code ignored;
    socket().shutdown(tcp::socket::shutdown_send, ignored);
    close_within(linger_grace);
}

// Past the cap, the queue would only grow: nothing more can reach this peer.
void LineSession::drop_too_slow() {
    server_->warn("event=irc_dropped reason=too_slow conn=" + std::to_string(id_) +
                  " queued_bytes=" + std::to_string(writer_.queued_bytes()));
    phase_ = Phase::Closing;
    registration_deadline_ = never;
    force_close();
}

void LineSession::report_read_end(const error_code& error) {
    if (!is_quiet(error)) {
        server_->warn("event=irc_read_failed conn=" + std::to_string(id_) + " error=\"" +
                      error.message() + "\"");
    }
}

// The pending read or wait then ends with an error, and the session with it.
void LineSession::force_close() {
    error_code ignored;
    if (phase_ != Phase::Closed) socket().close(ignored);
}

void LineSession::finish() {
    if (phase_ == Phase::Closed) return;
    phase_ = Phase::Closed;
    writer_.clear();
    timer_.cancel();
    error_code ignored;
    socket().close(ignored);
    server_->sessions(shard_).erase(this);
    if (registered_) {
        registered_ = false;
        ShardAccess::remove(server_->shards, id_);
        try {
            server_->handler.on_close(id_);
        } catch (const std::exception& error) {
            server_->warn("event=irc_on_close_failed conn=" + std::to_string(id_) +
                          " what=\"" + error.what() + "\"");
        }
    }
    slot_.release();
}

bool LineSession::on_shard_thread() const {
    return ShardAccess::context(server_->shards, shard_).get_executor().running_in_this_thread();
}

void start_line_session(std::shared_ptr<LineServerState> state, std::size_t shard,
                        tcp::socket socket, ConnectionSlot slot, PeerInfo peer) {
    auto& context = ShardAccess::context(state->shards, shard);
    auto stream = accept_stream(*state, std::move(socket));
    auto session = std::make_shared<LineSession>(std::move(state), shard, std::move(stream),
                                                 std::move(slot), std::move(peer));
    asio::post(context, [session = std::move(session)] { session->start(); });
}

}  // namespace parley::net::detail
