#include "net/line_session.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <exception>
#include <string>
#include <vector>

#include "net/shard_internals.hpp"
#include "net/tls_accept.hpp"

namespace parley::net::detail {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

// Clients send little; thousands of idle connections should not cost much more.
constexpr std::size_t read_chunk_bytes = 4096;
// One writev: Asio passes at most 64 buffers to the kernel at a time anyway.
constexpr std::size_t max_frames_per_write = 64;
constexpr std::size_t max_bytes_per_write = 64 * 1024;
constexpr std::chrono::milliseconds close_grace{10000};  // writing the queue
// Once our side is shut, the peer's end of stream tells us it has read everything;
// closing earlier with its bytes unread would reset the connection and could
// destroy the last lines, an ERROR for instance, before the client reads them.
constexpr std::chrono::milliseconds linger_grace{2000};
constexpr std::chrono::milliseconds idle_grace{1000};
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// End of stream, cancellation or a reset are how sessions end.
bool is_quiet(const error_code& error) {
    return error == asio::error::eof || error == asio::error::operation_aborted ||
           error == asio::error::connection_reset || error == asio::error::broken_pipe ||
           error == asio::error::bad_descriptor || is_truncated(error);
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
      wake_writer_(stream_.get_executor()),
      registration_timer_(stream_.get_executor()),
      idle_timer_(stream_.get_executor()),
      close_deadline_(stream_.get_executor()) {}

asio::awaitable<void> LineSession::run() {
    TrackedSession tracked(*server_, shard_, *this);
    try {
        // Accepted just as the server stopped: its shutdown() may have been missed.
        // A plain statement: GCC 12 miscompiles co_await inside a short-circuit condition.
        const bool secured = co_await finish_tls_handshake(*server_, stream_, peer_, "irc");
        if (secured && !server_->stopping) {
            open();
            co_await read_loop();
        }
    } catch (const std::exception& error) {
        server_->warn("event=irc_session_failed conn=" + std::to_string(id_) + " what=\"" +
                      error.what() + "\"");
    }
    finish();
    slot_.release();
}

void LineSession::open() {
    // Lines are small and interactive: never wait for the peer's delayed ACK.
    error_code ignored;
    stream_.next_layer().set_option(tcp::no_delay(true), ignored);
    id_ = ShardAccess::next_id(server_->shards, shard_);
    ShardAccess::add(server_->shards, *this);
    registered_ = true;
    last_read_ = Clock::now();
    auto executor = stream_.get_executor();
    asio::co_spawn(executor, write_loop(shared_from_this()), asio::detached);
    if (server_->options.register_timeout.count() > 0) {
        asio::co_spawn(executor, watch_registration(shared_from_this()), asio::detached);
    }
    if (server_->options.idle_timeout.count() > 0) {
        asio::co_spawn(executor, watch_idle(shared_from_this()), asio::detached);
    }
    server_->handler.on_open(shared_from_this(), peer_);
}

// Goes on reading while closing, discarding what arrives, until the peer ends its
// side or the close deadline cuts the connection.
asio::awaitable<void> LineSession::read_loop() {
    std::array<char, read_chunk_bytes> buffer;
    for (;;) {
        auto [error, bytes] = co_await stream_.async_read_some(asio::buffer(buffer), use_tuple);
        if (error) {
            report_read_end(error);
            co_return;
        }
        last_read_ = Clock::now();
        deliver(std::string_view(buffer.data(), bytes));
    }
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

// The only writer. Frames go out in order; a requested close goes after them.
asio::awaitable<void> LineSession::write_loop(Self /*keep_alive*/) {
    while (phase_ != Phase::Closed) {
        if (!queue_.empty()) {
            // Not `if (!co_await ...)`: GCC 12 miscompiles that here (it crashed at run time).
            bool written = co_await write_batch();
            if (!written) {
                force_close();
                co_return;
            }
        } else if (phase_ == Phase::Closing) {
            half_close();
            co_return;
        } else {
            writer_waiting_ = true;
            wake_writer_.expires_at(asio::steady_timer::time_point::max());
            co_await wake_writer_.async_wait(use_tuple);
            writer_waiting_ = false;
        }
    }
}

// A fan-out queues many small lines at once: one system call for all of them.
asio::awaitable<bool> LineSession::write_batch() {
    // Held here, not in the queue, so that a queue dropped meanwhile leaves the bytes
    // being written alive.
    std::vector<Frame> batch;
    std::vector<asio::const_buffer> buffers;
    std::size_t bytes = 0;
    while (!queue_.empty() && batch.size() < max_frames_per_write) {
        std::size_t size = queue_.front()->size();
        if (!batch.empty() && bytes + size > max_bytes_per_write) break;
        bytes += size;
        buffers.push_back(asio::buffer(*queue_.front()));
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    server_->writes.fetch_add(1, std::memory_order_relaxed);
    server_->frames.fetch_add(batch.size(), std::memory_order_relaxed);
    auto [error, written] = co_await asio::async_write(stream_, buffers, use_tuple);
    queued_bytes_ -= std::min(queued_bytes_, bytes);
    co_return !error;
}

asio::awaitable<void> LineSession::watch_registration(Self /*keep_alive*/) {
    if (authenticated_) co_return;  // on_open did it already
    registration_timer_.expires_after(server_->options.register_timeout);
    auto [error] = co_await registration_timer_.async_wait(use_tuple);
    if (error || authenticated_ || phase_ != Phase::Open) co_return;
    if (server_->register_timeout_frame) send(server_->register_timeout_frame);
    begin_close(close_grace);
}

// Checks the time of the last read when the timer fires instead of moving the
// timer on every read.
asio::awaitable<void> LineSession::watch_idle(Self /*keep_alive*/) {
    const auto idle_timeout = server_->options.idle_timeout;
    while (phase_ == Phase::Open) {
        idle_timer_.expires_at(last_read_ + idle_timeout);
        auto [error] = co_await idle_timer_.async_wait(use_tuple);
        if (error) co_return;
        if (phase_ == Phase::Open && Clock::now() >= last_read_ + idle_timeout) {
            begin_close(idle_grace);
        }
    }
}

// Wakes up again whenever the deadline is moved earlier.
asio::awaitable<void> LineSession::watch_close_deadline(Self /*keep_alive*/) {
    while (phase_ != Phase::Closed) {
        auto [error] = co_await close_deadline_.async_wait(use_tuple);
        if (!error && phase_ != Phase::Closed) {
            force_close();
            co_return;
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
    if (queued_bytes_ + frame->size() > server_->options.queue_cap) {
        drop_too_slow();
        return;
    }
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    wake_writer();
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
    registration_timer_.cancel();
}

void LineSession::shutdown() { begin_close(shutdown_grace); }

// Cancelling an idle timer still costs a trip through the reactor: skip it while
// the writer is busy or already woken, which is always so within a burst.
void LineSession::wake_writer() {
    if (!writer_waiting_) return;
    writer_waiting_ = false;
    wake_writer_.cancel();
}

void LineSession::begin_close(std::chrono::milliseconds grace) {
    if (phase_ == Phase::Open) {
        phase_ = Phase::Closing;
        registration_timer_.cancel();
        idle_timer_.cancel();
        wake_writer();
    }
    if (phase_ == Phase::Closing) arm_close_deadline(grace);
}

// A peer that does not drain its socket or end its side is cut off.
void LineSession::arm_close_deadline(std::chrono::milliseconds grace) {
    auto deadline = Clock::now() + grace;
    if (deadline_armed_ && close_deadline_.expiry() <= deadline) return;
    close_deadline_.expires_at(deadline);  // wakes a waiting watcher
    if (deadline_armed_) return;
    deadline_armed_ = true;
    asio::co_spawn(stream_.get_executor(), watch_close_deadline(shared_from_this()),
                   asio::detached);
}

// Everything queued is written: end our side and wait a little for the peer's.
void LineSession::half_close() {
    error_code ignored;
    stream_.next_layer().shutdown(tcp::socket::shutdown_send, ignored);
    arm_close_deadline(linger_grace);
}

// Past the cap, the queue would only grow: nothing more can reach this peer.
void LineSession::drop_too_slow() {
    server_->warn("event=irc_dropped reason=too_slow conn=" + std::to_string(id_) +
                  " queued_bytes=" + std::to_string(queued_bytes_));
    queue_.clear();
    phase_ = Phase::Closing;
    registration_timer_.cancel();
    idle_timer_.cancel();
    force_close();
}

void LineSession::report_read_end(const error_code& error) {
    if (!is_quiet(error)) {
        server_->warn("event=irc_read_failed conn=" + std::to_string(id_) + " error=\"" +
                      error.message() + "\"");
    }
}

// Pending reads and writes end with operation_aborted.
void LineSession::force_close() {
    error_code ignored;
    if (phase_ != Phase::Closed) stream_.next_layer().close(ignored);
}

void LineSession::finish() {
    phase_ = Phase::Closed;
    queue_.clear();
    queued_bytes_ = 0;
    wake_writer_.cancel();
    registration_timer_.cancel();
    idle_timer_.cancel();
    close_deadline_.cancel();
    error_code ignored;
    stream_.next_layer().close(ignored);
    if (!registered_) return;
    registered_ = false;
    ShardAccess::remove(server_->shards, id_);
    try {
        server_->handler.on_close(id_);
    } catch (const std::exception& error) {
        server_->warn("event=irc_on_close_failed conn=" + std::to_string(id_) + " what=\"" +
                      error.what() + "\"");
    }
}

bool LineSession::on_shard_thread() const {
    return ShardAccess::context(server_->shards, shard_).get_executor().running_in_this_thread();
}

namespace {

asio::awaitable<void> serve(std::shared_ptr<LineSession> session) { co_await session->run(); }

}  // namespace

void start_line_session(std::shared_ptr<LineServerState> state, std::size_t shard,
                        tcp::socket socket, ConnectionSlot slot, PeerInfo peer) {
    auto& context = ShardAccess::context(state->shards, shard);
    auto stream = accept_stream(*state, std::move(socket));
    auto session = std::make_shared<LineSession>(std::move(state), shard, std::move(stream),
                                                 std::move(slot), std::move(peer));
    asio::co_spawn(context, serve(std::move(session)), asio::detached);
}

}  // namespace parley::net::detail
