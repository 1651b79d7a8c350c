#include "net/ws_session.hpp"

#include <array>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <exception>
#include <limits>
#include <string>
#include <string_view>

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
// An idle connection keeps a read buffer no bigger than this; most are empty.
constexpr std::size_t keep_read_buffer_bytes = 1024;
// Beast's own frames (pongs, pings, the close) are always let into the queue.
constexpr std::size_t no_cap = std::numeric_limits<std::size_t>::max();
constexpr auto never = SessionTimer::never;

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

// RFC 6455 §5.2: the header of one unfragmented, unmasked text frame (a
// server's) carrying `size` bytes.
std::string_view text_frame_header(std::size_t size, std::array<char, 10>& header) {
    header[0] = static_cast<char>(0x81);  // FIN, text
    if (size < 126) {
        header[1] = static_cast<char>(size);
        return {header.data(), 2};
    }
    if (size <= 0xFFFF) {
        header[1] = static_cast<char>(126);
        header[2] = static_cast<char>(size >> 8);
        header[3] = static_cast<char>(size & 0xFF);
        return {header.data(), 4};
    }
    header[1] = static_cast<char>(127);
    for (int i = 0; i < 8; ++i) header[2 + i] = static_cast<char>((size >> (56 - 8 * i)) & 0xFF);
    return {header.data(), 10};
}

}  // namespace

WsSession::WsSession(std::shared_ptr<ServerState> server, std::size_t shard, HttpStream stream,
                     ConnectionSlot slot, PeerInfo peer)
    : server_(std::move(server)),
      shard_(shard),
      ws_(Socket(std::move(stream), *this)),
      slot_(std::move(slot)),
      peer_(std::move(peer)),
      timer_(ws_.get_executor()) {}

void WsSession::start(Request request) {
    server_->sessions(shard_).insert(this);
    ws_.set_option(timeouts(server_->options));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set("server", "parley"); }));
    ws_.read_message_max(server_->options.ws_max_frame);
    error_code ignored;
    // Frames are small and interactive: never wait for the peer's delayed ACK.
    tcp().socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    request_ = std::make_unique<Request>(std::move(request));
    ws_.async_accept(*request_, [this, self = shared_from_this()](error_code error) {
        accepted(error);
    });
}

void WsSession::accepted(const error_code& error) {
    request_.reset();
    if (error || phase_ != Phase::handshake || server_->stopping) return finish();
    // Plain TCP is written without waiting (gathered_writer.hpp): tries that
    // find the socket full come back at once.
    error_code ignored;
    tcp().socket().non_blocking(true, ignored);
    id_ = ShardAccess::next_id(server_->shards, shard_);
    phase_ = Phase::open;
    ShardAccess::add(server_->shards, *this);
    registered_ = true;
    try {
        server_->ws.on_open(shared_from_this(), peer_);
    } catch (const std::exception& e) {
        server_->warn("event=ws_session_failed conn=" + std::to_string(id_) + " what=\"" +
                      e.what() + "\"");
        return finish();
    }
    if (server_->options.auth_timeout.count() > 0) {
        auth_deadline_ = Clock::now() + server_->options.auth_timeout;
    }
    arm_timer();
    read_more();
}

// Goes on reading while closing: Beast answers the peer's close frame there.
// Only the end of reading ends the session (finish()).
void WsSession::read_more() {
    if (phase_ == Phase::closed) return;
    ws_.async_read(buffer_, [this, self = shared_from_this()](error_code error, std::size_t) {
        on_read(error);
    });
}

void WsSession::on_read(const error_code& error) {
    if (error) {
        report_read_end(error);
        return finish();
    }
    if (phase_ == Phase::open && ws_.got_text()) {
        server_->ws.on_text(id_, beast::buffers_to_string(buffer_.data()));
    } else if (phase_ == Phase::open) {
        begin_close(static_cast<int>(websocket::close_code::unknown_data), "text frames only",
                    close_grace);
    }
    buffer_.clear();
    if (buffer_.capacity() > keep_read_buffer_bytes) buffer_.shrink_to_fit();
    read_more();
}

void WsSession::send(Frame frame) {
    if (!on_shard_thread()) {
        asio::post(ws_.get_executor(),
                   [self = shared_from_this(), frame = std::move(frame)] { self->send(frame); });
        return;
    }
    if (phase_ != Phase::open || !frame) return;
    std::array<char, 10> header;
    auto prefix = text_frame_header(frame->size(), header);
    if (!writer_.push(std::move(frame), prefix, server_->options.ws_queue_cap)) {
        server_->warn("event=ws_dropped reason=too_slow conn=" + std::to_string(id_) +
                      " queued_bytes=" + std::to_string(writer_.queued_bytes()));
        writer_.clear();
        begin_close(static_cast<int>(websocket::close_code::policy_error), "too slow",
                    too_slow_grace);
        return;
    }
    request_flush();
}

void WsSession::write_raw(Frame bytes) {
    if (phase_ == Phase::closed) return;
    writer_.push(std::move(bytes), {}, no_cap);
    request_flush();
}

void WsSession::when_drained(std::function<void()> then) {
    if (phase_ == Phase::closed || (writer_.empty() && !writer_.busy())) {
        asio::post(ws_.get_executor(), std::move(then));
        return;
    }
    drained_then_ = std::move(then);
    request_flush();
}

void WsSession::request_flush() {
    if (phase_ != Phase::closed) writer_.request_flush(server_->shards, shard_, shared_from_this());
}

void WsSession::flush() {
    if (phase_ == Phase::closed) return;
    HttpStream* tls = stream().is_tls() ? &stream() : nullptr;
    switch (writer_.flush(tcp().socket(), tls, shared_from_this(), server_->counters)) {
        case Flushed::drained: return drained();
        case Flushed::more: return request_flush();  // after the other connections
        case Flushed::failed: return force_close();
        case Flushed::pending: return;
    }
}

// Everything queued is on the wire: a teardown waiting for it may go on, and
// a requested close goes after the data it was queued behind.
void WsSession::drained() {
    if (drained_then_) std::exchange(drained_then_, {})();
    if (phase_ != Phase::closing || !pending_close_ || close_sent_) return;
    close_sent_ = true;
    ws_.async_close(*pending_close_, [this, self = shared_from_this()](error_code error) {
        if (error) force_close();
    });
}

// The timer waits for the earlier deadline.
void WsSession::arm_timer() {
    auto deadline = phase_ == Phase::closed ? never : std::min(auth_deadline_, close_deadline_);
    timer_.wait_until(deadline, [this, self = shared_from_this()] { on_timer(); });
}

void WsSession::on_timer() {
    if (phase_ == Phase::closed) return;
    const auto now = Clock::now();
    // A peer that does not drain its socket or answer the close frame is cut off.
    if (now >= close_deadline_) return force_close();
    if (phase_ == Phase::open && now >= auth_deadline_) {
        auth_deadline_ = never;
        if (server_->auth_timeout_frame) send(server_->auth_timeout_frame);
        begin_close(close_unauthorized, "authentication timeout", close_grace);
    }
    arm_timer();
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
    auth_deadline_ = never;
    arm_timer();
}

void WsSession::shutdown() {
    if (phase_ == Phase::handshake) return force_close();
    begin_close(static_cast<int>(websocket::close_code::going_away), "server shutting down",
                shutdown_grace);
}

void WsSession::begin_close(int code, std::string_view reason, std::chrono::milliseconds grace) {
    if (phase_ == Phase::open) {
        phase_ = Phase::closing;
        pending_close_.emplace(static_cast<websocket::close_code>(code), truncate_reason(reason));
        auth_deadline_ = never;
    }
    if (phase_ != Phase::closing) return;
    close_within(grace);
    request_flush();
}

void WsSession::close_within(std::chrono::milliseconds grace) {
    close_deadline_ = std::min(close_deadline_, Clock::now() + grace);
    arm_timer();
}

void WsSession::report_read_end(const error_code& error) {
    if (error == websocket::error::message_too_big) {
        server_->warn("event=ws_closed reason=too_big conn=" + std::to_string(id_));
    } else if (!is_quiet(error)) {
        server_->warn("event=ws_read_failed conn=" + std::to_string(id_) + " error=\"" +
                      error.message() + "\"");
    }
}

// The pending read then ends with an error, and the session with it.
void WsSession::force_close() {
    if (phase_ != Phase::closed) tcp().close();
}

void WsSession::finish() {
    if (phase_ == Phase::closed) return;
    phase_ = Phase::closed;
    writer_.clear();
    pending_close_.reset();
    // A teardown waiting for the queue goes on, and fails on the closed socket.
    if (drained_then_) asio::post(ws_.get_executor(), std::exchange(drained_then_, {}));
    timer_.cancel();
    tcp().close();
    server_->sessions(shard_).erase(this);
    if (registered_) {
        registered_ = false;
        ShardAccess::remove(server_->shards, id_);
        try {
            server_->ws.on_close(id_);
        } catch (const std::exception& error) {
            server_->warn("event=ws_on_close_failed conn=" + std::to_string(id_) + " what=\"" +
                          error.what() + "\"");
        }
    }
    slot_.release();
}

bool WsSession::on_shard_thread() const {
    return ShardAccess::context(server_->shards, shard_).get_executor().running_in_this_thread();
}

void start_ws_session(std::shared_ptr<ServerState> state, std::size_t shard, HttpStream stream,
                      ConnectionSlot slot, PeerInfo peer, WsSession::Request request) {
    auto session = std::make_shared<WsSession>(std::move(state), shard, std::move(stream),
                                               std::move(slot), std::move(peer));
    session->start(std::move(request));
}

}  // namespace parley::net::detail
