#include "net/ws_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <exception>
#include <string>

#include "net/shard_internals.hpp"

namespace parley::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

constexpr auto handshake_timeout = 10s;
constexpr std::chrono::milliseconds close_grace{10000};  // the queue, then the handshake
constexpr std::chrono::milliseconds too_slow_grace{1000};
constexpr std::size_t max_reason_bytes = 123;  // RFC 6455: 125 minus the code
constexpr std::size_t keep_read_buffer_bytes = 16 * 1024;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Cut at a UTF-8 character boundary.
std::string_view truncate_reason(std::string_view reason) {
    if (reason.size() <= max_reason_bytes) return reason;
    std::size_t size = max_reason_bytes;
    while (size > 0 && (static_cast<unsigned char>(reason[size]) & 0xC0) == 0x80) --size;
    return reason.substr(0, size);
}

websocket::stream_base::timeout timeouts(const ServerOptions& options) {
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = handshake_timeout;
    bool idle_check = options.idle_timeout.count() > 0;
    timeout.idle_timeout =
        idle_check
            ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(options.idle_timeout)
            : websocket::stream_base::none();
    timeout.keep_alive_pings = idle_check;  // a ping at half the idle timeout
    return timeout;
}

// A close, end of stream, cancellation, a reset or a timeout is how sessions end.
bool is_quiet(const error_code& error) {
    return error == websocket::error::closed || error == asio::error::eof ||
           error == asio::error::operation_aborted || error == asio::error::connection_reset ||
           error == asio::error::broken_pipe || error == asio::error::bad_descriptor ||
           error == beast::error::timeout || is_truncated(error);
}

}  // namespace

WsSession::WsSession(std::shared_ptr<ServerState> server, std::size_t shard, HttpStream stream,
                     PeerInfo peer)
    : server_(std::move(server)),
      shard_(shard),
      ws_(std::move(stream)),
      peer_(std::move(peer)),
      wake_writer_(ws_.get_executor()),
      auth_timer_(ws_.get_executor()),
      close_deadline_(ws_.get_executor()) {}

asio::awaitable<void> WsSession::run(Request request) {
    try {
        if (co_await open(std::move(request))) co_await read_loop();
    } catch (const std::exception& error) {
        server_->warn("event=ws_session_failed conn=" + std::to_string(id_) + " what=\"" +
                      error.what() + "\"");
    }
    finish();
}

asio::awaitable<bool> WsSession::open(Request request) {
    ws_.set_option(timeouts(server_->options));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set("server", "parley"); }));
    ws_.read_message_max(server_->options.ws_max_frame);
    // One frame per message, sent at once: a fragmented frame's tail would
    // wait for the peer's delayed ACK under Nagle (about 40 ms for any frame
    // over 4 KiB, such as a ready with many users online).
    ws_.auto_fragment(false);
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    auto [error] = co_await ws_.async_accept(request, use_tuple);
    if (error) co_return false;
    ws_.text(true);
    id_ = ShardAccess::next_id(server_->shards, shard_);
    phase_ = Phase::open;
    ShardAccess::add(server_->shards, *this);
    registered_ = true;
    auto executor = ws_.get_executor();
    asio::co_spawn(executor, write_loop(shared_from_this()), asio::detached);
    if (server_->options.auth_timeout.count() > 0) {
        asio::co_spawn(executor, watch_authentication(shared_from_this()), asio::detached);
    }
    server_->ws.on_open(shared_from_this(), peer_);
    co_return true;
}

asio::awaitable<void> WsSession::read_loop() {
    beast::flat_buffer buffer;
    for (;;) {
        auto [error, bytes] = co_await ws_.async_read(buffer, use_tuple);
        if (error) {
            report_read_end(error);
            co_return;
        }
        if (phase_ == Phase::open && ws_.got_text()) {
            server_->ws.on_text(id_, beast::buffers_to_string(buffer.data()));
        } else if (phase_ == Phase::open) {
            begin_close(static_cast<int>(websocket::close_code::unknown_data), "text frames only",
                        close_grace);
        }
        buffer.clear();
        if (buffer.capacity() > keep_read_buffer_bytes) buffer.shrink_to_fit();
    }
}

// The only writer. Frames go out in order; a requested close goes after them.
asio::awaitable<void> WsSession::write_loop(Self /*keep_alive*/) {
    while (phase_ != Phase::closed) {
        if (!queue_.empty()) {
            Frame frame = std::move(queue_.front());
            queue_.pop_front();
            auto [error, bytes] = co_await ws_.async_write(asio::buffer(*frame), use_tuple);
            queued_bytes_ -= std::min(queued_bytes_, frame->size());
            if (error) {
                force_close();
                co_return;
            }
        } else if (pending_close_) {
            auto [error] = co_await ws_.async_close(*pending_close_, use_tuple);
            if (error) force_close();
            co_return;
        } else {
            wake_writer_.expires_at(asio::steady_timer::time_point::max());
            co_await wake_writer_.async_wait(use_tuple);
        }
    }
}

asio::awaitable<void> WsSession::watch_authentication(Self /*keep_alive*/) {
    auth_timer_.expires_after(server_->options.auth_timeout);
    auto [error] = co_await auth_timer_.async_wait(use_tuple);
    if (error || authenticated_ || phase_ != Phase::open) co_return;
    if (server_->auth_timeout_frame) send(server_->auth_timeout_frame);
    begin_close(close_unauthorized, "authentication timeout", close_grace);
}

// Wakes up again whenever the deadline is moved earlier.
asio::awaitable<void> WsSession::watch_close_deadline(Self /*keep_alive*/) {
    while (phase_ != Phase::closed) {
        auto [error] = co_await close_deadline_.async_wait(use_tuple);
        if (!error && phase_ != Phase::closed) {
            force_close();
            co_return;
        }
    }
}

void WsSession::send(Frame frame) {
    if (!on_shard_thread()) {
        asio::post(ws_.get_executor(),
                   [self = shared_from_this(), frame = std::move(frame)] { self->send(frame); });
        return;
    }
    if (phase_ != Phase::open || !frame) return;
    if (queued_bytes_ + frame->size() > server_->options.ws_queue_cap) {
        server_->warn("event=ws_dropped reason=too_slow conn=" + std::to_string(id_) +
                      " queued_bytes=" + std::to_string(queued_bytes_));
        queue_.clear();
        begin_close(static_cast<int>(websocket::close_code::policy_error), "too slow",
                    too_slow_grace);
        return;
    }
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    wake_writer_.cancel();
}

void WsSession::close(int code, std::string reason) {
    if (!on_shard_thread()) {
        asio::post(ws_.get_executor(), [self = shared_from_this(), code,
                                        reason = std::move(reason)] { self->close(code, reason); });
        return;
    }
    if (phase_ != Phase::open) return;
    begin_close(code, reason, close_grace);
}

void WsSession::set_authenticated() {
    if (!on_shard_thread()) {
        asio::post(ws_.get_executor(), [self = shared_from_this()] { self->set_authenticated(); });
        return;
    }
    authenticated_ = true;
    auth_timer_.cancel();
}

void WsSession::shutdown() {
    if (phase_ == Phase::handshake) {
        force_close();
        return;
    }
    begin_close(static_cast<int>(websocket::close_code::going_away), "server shutting down",
                shutdown_grace);
}

void WsSession::begin_close(int code, std::string_view reason, std::chrono::milliseconds grace) {
    if (phase_ == Phase::open) {
        phase_ = Phase::closing;
        pending_close_.emplace(static_cast<websocket::close_code>(code), truncate_reason(reason));
        auth_timer_.cancel();
        wake_writer_.cancel();
    }
    if (phase_ == Phase::closing) arm_close_deadline(grace);
}

// A peer that does not drain its socket or answer the close frame is cut off.
void WsSession::arm_close_deadline(std::chrono::milliseconds grace) {
    auto deadline = asio::steady_timer::clock_type::now() + grace;
    if (deadline_armed_ && close_deadline_.expiry() <= deadline) return;
    close_deadline_.expires_at(deadline);  // wakes a waiting watcher
    if (deadline_armed_) return;
    deadline_armed_ = true;
    asio::co_spawn(ws_.get_executor(), watch_close_deadline(shared_from_this()), asio::detached);
}

void WsSession::report_read_end(const error_code& error) {
    if (error == websocket::error::message_too_big) {
        server_->warn("event=ws_closed reason=too_big conn=" + std::to_string(id_));
    } else if (!is_quiet(error)) {
        server_->warn("event=ws_read_failed conn=" + std::to_string(id_) + " error=\"" +
                      error.message() + "\"");
    }
}

// Pending reads and writes end with operation_aborted.
void WsSession::force_close() {
    if (phase_ != Phase::closed) beast::get_lowest_layer(ws_).close();
}

void WsSession::finish() {
    phase_ = Phase::closed;
    queue_.clear();
    queued_bytes_ = 0;
    pending_close_.reset();
    wake_writer_.cancel();
    auth_timer_.cancel();
    close_deadline_.cancel();
    beast::get_lowest_layer(ws_).close();
    if (!registered_) return;
    registered_ = false;
    ShardAccess::remove(server_->shards, id_);
    try {
        server_->ws.on_close(id_);
    } catch (const std::exception& error) {
        server_->warn("event=ws_on_close_failed conn=" + std::to_string(id_) + " what=\"" +
                      error.what() + "\"");
    }
}

bool WsSession::on_shard_thread() const {
    return ShardAccess::context(server_->shards, shard_).get_executor().running_in_this_thread();
}

}  // namespace parley::net::detail
