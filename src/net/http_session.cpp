#include "net/http_session.hpp"

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>
#include <chrono>
#include <exception>
#include <limits>
#include <optional>
#include <string>

#include "core/errc.hpp"
#include "net/origin.hpp"
#include "net/shard_internals.hpp"
#include "net/tls_accept.hpp"
#include "net/ws_session.hpp"

namespace parley::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

constexpr auto read_timeout = 30s;  // a request head, or silence inside a body
constexpr auto write_timeout = 30s;
constexpr auto linger_timeout = 2s;
constexpr std::size_t linger_bytes = 1024 * 1024;
constexpr std::string_view websocket_path = "/api/v1/ws";
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// Two years, as Mozilla recommends: a browser that once saw HTTPS here keeps to it.
constexpr std::string_view hsts_value = "max-age=63072000";

using Parser = http::request_parser<http::string_body>;
using Message = http::request<http::string_body>;

// An answer net gives on its own, before or instead of the handler.
struct Refusal {
    http::status status;
    core::Errc code;
    std::string_view message;  // plain text: no JSON escaping needed
};

const Refusal body_too_large{http::status::payload_too_large, core::Errc::too_large,
                             "The request body is too large."};
const Refusal headers_too_large{http::status::request_header_fields_too_large,
                                core::Errc::too_large, "The request headers are too large."};
const Refusal malformed{http::status::bad_request, core::Errc::bad_request,
                        "The request is malformed."};
const Refusal no_websocket{http::status::not_found, core::Errc::not_found,
                           "There is no WebSocket endpoint here."};
const Refusal bad_origin{http::status::forbidden, core::Errc::forbidden,
                         "This origin may not open a WebSocket here."};

std::string error_json(core::Errc code, std::string_view message) {
    std::string json = R"({"error":{"code":")";
    json.append(core::code_name(code)).append(R"(","message":")");
    json.append(message).append(R"("}})");
    return json;
}

HttpResponse internal_error() {
    return {500,
            "application/json",
            {},
            error_json(core::Errc::internal, core::default_message(core::Errc::internal))};
}

// End of stream, cancellation, a reset or a timeout end a session without a warning.
bool is_quiet(const error_code& error) {
    return error == http::error::end_of_stream || error == http::error::partial_message ||
           error == asio::error::eof || error == asio::error::operation_aborted ||
           error == asio::error::connection_reset || error == asio::error::broken_pipe ||
           error == asio::error::bad_descriptor || error == beast::error::timeout ||
           is_truncated(error);
}

bool is_http_error(const error_code& error) {
    return error.category() == http::make_error_code(http::error::bad_target).category();
}

HttpRequest to_request(const Message& message, const PeerInfo& peer) {
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.peer = peer;
    return request;
}

bool expects_continue(const Message& message) {
    return beast::iequals(message[http::field::expect], "100-continue");
}

std::optional<std::string_view> origin_of(const Message& message) {
    auto found = message.find(http::field::origin);
    if (found == message.end()) return std::nullopt;
    return std::string_view(found->value());
}

}  // namespace

// One HTTP/1.1 connection: requests one at a time, kept alive, until it upgrades to
// a WebSocket or ends.
class HttpSession final : public Session, public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(std::shared_ptr<ServerState> state, std::size_t shard, HttpStream stream,
                ConnectionSlot slot, PeerInfo peer)
        : state_(std::move(state)),
          shard_(shard),
          stream_(std::move(stream)),
          slot_(std::move(slot)),
          peer_(std::move(peer)),
          response_ready_(stream_.get_executor()),
          shutdown_deadline_(stream_.get_executor()) {}

    asio::awaitable<void> run();
    void shutdown() override;

private:
    asio::awaitable<bool> serve_one();
    asio::awaitable<bool> read_body(Parser& parser);
    asio::awaitable<std::optional<HttpResponse>> call_handler(HttpRequest request);
    asio::awaitable<bool> write_response(HttpResponse response, unsigned version, bool keep_alive);
    asio::awaitable<void> upgrade(Parser& parser);
    asio::awaitable<void> refuse_after_error(const error_code& error);
    asio::awaitable<void> refuse(const Refusal& refusal);
    asio::awaitable<void> linger_close();
    asio::awaitable<void> watch_shutdown(std::shared_ptr<HttpSession> self);
    void force_close();
    void add_hsts(http::fields& fields) const;
    beast::tcp_stream& tcp() { return stream_.next_layer(); }

    std::shared_ptr<ServerState> state_;
    std::size_t shard_;
    HttpStream stream_;
    ConnectionSlot slot_;
    PeerInfo peer_;
    beast::flat_buffer buffer_;
    bool idle_ = false;  // waiting for the head of the next request
    bool stopping_ = false;
    bool aborted_ = false;
    bool finished_ = false;
    bool upgraded_ = false;  // stream_ and slot_ have moved to a WebSocket session
    std::optional<HttpResponse> response_;
    asio::steady_timer response_ready_;  // cancelled when the handler has answered
    asio::steady_timer shutdown_deadline_;
};

asio::awaitable<void> HttpSession::run() {
    TrackedSession tracked(*state_, shard_, *this);
    try {
        // A plain statement: GCC 12 miscompiles co_await inside a short-circuit condition.
        const bool secured = co_await finish_tls_handshake(*state_, stream_, peer_, "http");
        if (secured) {
            while (!state_->stopping && co_await serve_one()) {
            }
        }
    } catch (const std::exception& error) {
        state_->warn("event=http_session_failed peer=" + peer_.address + " what=\"" + error.what() +
                     "\"");
    }
    finished_ = true;
    if (!upgraded_) tcp().close();
    response_ready_.cancel();
    shutdown_deadline_.cancel();
    slot_.release();
}

// Serves one request; false when the connection is done.
asio::awaitable<bool> HttpSession::serve_one() {
    Parser parser;
    // Beast checks Content-Length against its default 1 MB body limit while it
    // reads the head; the real limit depends on the head, so it is set below.
    parser.body_limit(boost::none);
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
        state_->options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    tcp().expires_after(read_timeout);
    idle_ = true;
    auto [error, bytes] = co_await http::async_read_header(stream_, buffer_, parser, use_tuple);
    idle_ = false;
    if (error) {
        co_await refuse_after_error(error);
        co_return false;
    }
    if (beast::websocket::is_upgrade(parser.get())) {
        co_await upgrade(parser);
        co_return false;
    }
    HttpRequest request = to_request(parser.get(), peer_);
    std::uint64_t limit = state_->http.body_limit(request);
    if (parser.content_length() && *parser.content_length() > limit) {
        co_await refuse(body_too_large);
        co_return false;
    }
    parser.body_limit(limit);
    if (!co_await read_body(parser)) co_return false;
    Message& message = parser.get();
    request.body = std::move(message.body());
    auto response = co_await call_handler(std::move(request));
    if (!response) co_return false;
    bool keep_alive = message.keep_alive() && !state_->stopping;
    bool written = co_await write_response(std::move(*response), message.version(), keep_alive);
    co_return written&& keep_alive;
}

asio::awaitable<bool> HttpSession::read_body(Parser& parser) {
    if (!parser.is_done() && expects_continue(parser.get())) {
        http::response<http::empty_body> proceed{http::status::continue_, parser.get().version()};
        tcp().expires_after(write_timeout);
        auto [error, bytes] = co_await http::async_write(stream_, proceed, use_tuple);
        if (error) co_return false;
    }
    while (!parser.is_done()) {
        // Per read: a slow upload goes on, a silent one does not.
        tcp().expires_after(read_timeout);
        auto [error, bytes] = co_await http::async_read_some(stream_, buffer_, parser, use_tuple);
        if (error) {
            co_await refuse_after_error(error);
            co_return false;
        }
    }
    co_return true;
}

// The handler may answer from any thread; the answer is carried back to this shard.
asio::awaitable<std::optional<HttpResponse>> HttpSession::call_handler(HttpRequest request) {
    response_.reset();
    auto answered = std::make_shared<std::atomic<bool>>(false);
    auto respond = [weak = weak_from_this(), executor = response_ready_.get_executor(),
                    answered](HttpResponse response) {
        if (answered->exchange(true)) return;
        asio::post(executor, [weak, response = std::move(response)]() mutable {
            auto self = weak.lock();
            if (!self) return;
            self->response_ = std::move(response);
            self->response_ready_.cancel();
        });
    };
    try {
        state_->http.handle(std::move(request), respond);
    } catch (const std::exception& error) {
        state_->warn(std::string("event=http_handler_failed what=\"") + error.what() + "\"");
        respond(internal_error());
    }
    while (!response_ && !aborted_) {
        response_ready_.expires_at(asio::steady_timer::time_point::max());
        co_await response_ready_.async_wait(use_tuple);
    }
    co_return std::move(response_);
}

// A file opened at an offset that reports the length of the part to send as
// its size, so Beast's file body streams one byte range (a Range request).
class FilePart : public beast::file {
public:
    void limit(std::uint64_t offset, std::uint64_t length, error_code& error) {
        length_ = length;
        seek(offset, error);
    }
    std::uint64_t size(error_code& error) const {
        if (!length_) return beast::file::size(error);
        error = {};
        return *length_;
    }

private:
    std::optional<std::uint64_t> length_;
};
using FilePartBody = http::basic_file_body<FilePart>;

// Head fields shared by string and file bodies.
template <typename Body>
void fill_head(http::response<Body>& message, const HttpResponse& response, unsigned version,
               bool keep_alive) {
    message.version(version);
    message.result(static_cast<unsigned>(response.status));
    if (!response.content_type.empty()) {
        message.set(http::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) message.insert(name, value);
    message.keep_alive(keep_alive);
}

asio::awaitable<bool> HttpSession::write_response(HttpResponse response, unsigned version,
                                                  bool keep_alive) {
    if (!response.body_file.empty()) {
        // Streamed in chunks by Beast: a large download never sits in memory.
        http::response<FilePartBody> message;
        error_code open_error;
        FilePart file;
        file.open(response.body_file.c_str(), beast::file_mode::scan, open_error);
        if (!open_error && response.body_length) {
            file.limit(response.body_offset, *response.body_length, open_error);
        }
        if (!open_error) message.body().reset(std::move(file), open_error);
        if (!open_error) {
            fill_head(message, response, version, keep_alive);
            add_hsts(message);
            message.prepare_payload();
            // The timeout guards each piece, not the whole file: a 25 MiB download
            // over a slow link takes longer than 30 s, and only a stalled peer
            // should be cut off.
            http::response_serializer<FilePartBody> serializer(message);
            while (!serializer.is_done()) {
                tcp().expires_after(write_timeout);
                auto [error, bytes] =
                    co_await http::async_write_some(stream_, serializer, use_tuple);
                if (error) co_return false;
            }
            co_return true;
        }
        response = HttpResponse{404,
                                "application/json",
                                {},
                                error_json(core::Errc::not_found, "There is no such file.")};
    }
    http::response<http::string_body> message;
    fill_head(message, response, version, keep_alive);
    message.body() = std::move(response.body);
    add_hsts(message);
    message.prepare_payload();
    tcp().expires_after(write_timeout);
    auto [error, bytes] = co_await http::async_write(stream_, message, use_tuple);
    co_return !error;
}

asio::awaitable<void> HttpSession::upgrade(Parser& parser) {
    const Message& message = parser.get();
    if (request_path(message.target()) != websocket_path) {
        co_await refuse(no_websocket);
        co_return;
    }
    if (!origin_allowed(origin_of(message), message[http::field::host],
                        state_->options.allowed_origins)) {
        co_await refuse(bad_origin);
        co_return;
    }
    if (!parser.is_done()) {  // an upgrade request has no body
        co_await refuse(malformed);
        co_return;
    }
    tcp().expires_never();
    upgraded_ = true;
    // The WebSocket stands on its own from here; this session ends.
    start_ws_session(state_, shard_, std::move(stream_), std::move(slot_), peer_,
                     parser.release());
}

asio::awaitable<void> HttpSession::refuse_after_error(const error_code& error) {
    if (error == http::error::body_limit) {
        co_await refuse(body_too_large);
    } else if (error == http::error::header_limit) {
        co_await refuse(headers_too_large);
    } else if (is_quiet(error)) {
        co_return;
    } else if (is_http_error(error)) {
        co_await refuse(malformed);
    } else {
        state_->warn("event=http_read_failed peer=" + peer_.address + " error=\"" +
                     error.message() + "\"");
    }
}

// Answers, then closes without reading what is left of the request.
asio::awaitable<void> HttpSession::refuse(const Refusal& refusal) {
    http::response<http::string_body> response{refusal.status, 11};
    response.set(http::field::content_type, "application/json");
    response.keep_alive(false);
    response.body() = error_json(refusal.code, refusal.message);
    add_hsts(response);
    response.prepare_payload();
    tcp().expires_after(write_timeout);
    auto [error, bytes] = co_await http::async_write(stream_, response, use_tuple);
    if (!error) co_await linger_close();
}

// Closing with unread bytes makes the kernel send a reset, which can destroy the
// answer before the client reads it: half-close, then discard a bounded amount.
asio::awaitable<void> HttpSession::linger_close() {
    error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    tcp().expires_after(linger_timeout);
    std::array<char, 4096> sink;
    for (std::size_t drained = 0; drained < linger_bytes;) {
        auto [error, bytes] = co_await stream_.async_read_some(asio::buffer(sink), use_tuple);
        if (error) break;
        drained += bytes;
    }
}

void HttpSession::shutdown() {
    if (stopping_ || finished_) return;
    stopping_ = true;
    if (upgraded_) return;  // the WebSocket session has its own shutdown
    if (idle_) {
        tcp().cancel();
        return;
    }
    asio::co_spawn(stream_.get_executor(), watch_shutdown(shared_from_this()), asio::detached);
}

// A request still being served when the server stops gets a little time to finish.
asio::awaitable<void> HttpSession::watch_shutdown(std::shared_ptr<HttpSession> /*keep_alive*/) {
    shutdown_deadline_.expires_after(shutdown_grace);
    auto [error] = co_await shutdown_deadline_.async_wait(use_tuple);
    if (!error && !finished_) force_close();
}

void HttpSession::force_close() {
    aborted_ = true;
    if (!upgraded_) tcp().close();
    response_ready_.cancel();
}

// Under TLS only: over plain HTTP a browser ignores it, and it would be a lie.
void HttpSession::add_hsts(http::fields& fields) const {
    if (state_->tls.context) fields.set(http::field::strict_transport_security, hsts_value);
}

namespace {

asio::awaitable<void> serve(std::shared_ptr<HttpSession> session) { co_await session->run(); }

}  // namespace

void start_http_session(std::shared_ptr<ServerState> state, std::size_t shard, tcp::socket socket,
                        ConnectionSlot slot, PeerInfo peer) {
    auto& context = ShardAccess::context(state->shards, shard);
    auto stream = accept_stream(*state, beast::tcp_stream(std::move(socket)));
    auto session = std::make_shared<HttpSession>(std::move(state), shard, std::move(stream),
                                                 std::move(slot), std::move(peer));
    asio::co_spawn(context, serve(std::move(session)), asio::detached);
}

}  // namespace parley::net::detail
