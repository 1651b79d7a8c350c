#include "test_client.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cctype>
#include <limits>

namespace parley::net::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

tcp::endpoint parse_address(const std::string& address) {
    auto colon = address.rfind(':');
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    return {asio::ip::make_address(host),
            static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1)))};
}

// Runs one asynchronous operation on the calling thread. Past the timeout the
// socket is closed so the operation completes, and the result is nullopt.
template <typename Start>
std::optional<error_code> run_bounded(asio::io_context& io, tcp::socket& socket,
                                      std::chrono::milliseconds timeout, Start start) {
    bool done = false;
    error_code result;
    start([&](error_code error, auto&&...) {
        result = error;
        done = true;
    });
    io.restart();
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done && std::chrono::steady_clock::now() < deadline) io.run_one_until(deadline);
    if (done) return result;
    error_code ignored;
    socket.close(ignored);
    io.restart();
    while (!done) io.run_one();
    return std::nullopt;
}

error_code expect_done(std::optional<error_code> result, const char* what) {
    if (!result) throw std::runtime_error(std::string(what) + " timed out");
    return *result;
}

void expect_success(std::optional<error_code> result, const char* what) {
    error_code error = expect_done(result, what);
    if (error) throw std::runtime_error(std::string(what) + " failed: " + error.message());
}

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Reads and discards until the peer ends the connection: true when it did within
// the timeout. `impl` is a client's Impl, whose run() bounds each read.
template <typename Impl, typename Stream>
bool read_until_closed(Impl& impl, Stream& stream, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::array<char, 4096> sink;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        auto result = impl.run(
            [&](auto handler) { stream.async_read_some(asio::buffer(sink), handler); }, left);
        if (!result) return false;
        if (*result) return *result == asio::error::eof || *result == asio::error::connection_reset;
    }
}

}  // namespace

std::string HttpReply::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key == name) return value;
    }
    return {};
}

struct HttpClient::Impl {
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
    std::string address;

    template <typename Start>
    std::optional<error_code> run(Start start, std::chrono::milliseconds timeout = io_timeout) {
        return run_bounded(io, stream.socket(), timeout, start);
    }
};

HttpClient::HttpClient(const std::string& address) : impl_(std::make_unique<Impl>()) {
    impl_->address = address;
    auto endpoint = parse_address(address);
    expect_success(
        impl_->run([&](auto handler) { impl_->stream.async_connect(endpoint, handler); }),
        "connect");
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::request(const HttpCall& call) {
    http::request<http::string_body> request;
    request.method_string(call.method);
    request.target(call.target);
    request.version(11);
    request.set(http::field::host, impl_->address);
    for (const auto& [name, value] : call.headers) request.insert(name, value);
    request.body() = call.body;
    request.prepare_payload();
    expect_success(
        impl_->run([&](auto handler) { http::async_write(impl_->stream, request, handler); }),
        "write request");
    return read_reply();
}

void HttpClient::write_raw(std::string_view bytes) {
    expect_success(impl_->run([&](auto handler) {
        asio::async_write(impl_->stream, asio::buffer(bytes.data(), bytes.size()), handler);
    }),
                   "write");
}

HttpReply HttpClient::read_reply() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    expect_success(impl_->run([&](auto handler) {
        http::async_read(impl_->stream, impl_->buffer, parser, handler);
    }),
                   "read reply");
    auto& message = parser.get();
    HttpReply reply;
    reply.status = message.result_int();
    reply.body = message.body();
    reply.keep_alive = message.keep_alive();
    for (const auto& field : message) {
        reply.headers.emplace_back(lowercase(std::string(field.name_string())),
                                   std::string(field.value()));
    }
    return reply;
}

bool HttpClient::closed_by_server(std::chrono::milliseconds timeout) {
    return read_until_closed(*impl_, impl_->stream, timeout);
}

struct WsClient::Impl {
    asio::io_context io;
    websocket::stream<beast::tcp_stream> ws{io};

    template <typename Start>
    std::optional<error_code> run(Start start, std::chrono::milliseconds timeout = io_timeout) {
        return run_bounded(io, beast::get_lowest_layer(ws).socket(), timeout, start);
    }
};

WsClient::WsClient(const std::string& address, WsClientOptions options)
    : impl_(std::make_unique<Impl>()) {
    auto endpoint = parse_address(address);
    tcp::socket& socket = beast::get_lowest_layer(impl_->ws).socket();
    socket.open(endpoint.protocol());
    if (options.receive_buffer_bytes > 0) {
        socket.set_option(asio::socket_base::receive_buffer_size(options.receive_buffer_bytes));
    }
    expect_success(impl_->run([&](auto handler) { socket.async_connect(endpoint, handler); }),
                   "connect");
    impl_->ws.set_option(websocket::stream_base::decorator(
        [origin = options.origin](websocket::request_type& request) {
            if (origin) request.set(http::field::origin, *origin);
        }));
    websocket::response_type response;
    error_code error = expect_done(impl_->run([&](auto handler) {
        impl_->ws.async_handshake(response, address, options.target, handler);
    }),
                                   "handshake");
    if (error == websocket::error::upgrade_declined) {
        throw UpgradeRefused(response.result_int(), response.body());
    }
    if (error) throw std::runtime_error("handshake failed: " + error.message());
    impl_->ws.text(true);
}

WsClient::~WsClient() = default;

void WsClient::send_text(std::string_view text) {
    impl_->ws.text(true);
    expect_success(impl_->run([&](auto handler) {
        impl_->ws.async_write(asio::buffer(text.data(), text.size()), handler);
    }),
                   "send text");
}

void WsClient::send_binary(std::string_view bytes) {
    impl_->ws.binary(true);
    expect_success(impl_->run([&](auto handler) {
        impl_->ws.async_write(asio::buffer(bytes.data(), bytes.size()), handler);
    }),
                   "send binary");
}

std::optional<std::string> WsClient::read(std::chrono::milliseconds timeout) {
    beast::flat_buffer buffer;
    error_code error = expect_done(
        impl_->run([&](auto handler) { impl_->ws.async_read(buffer, handler); }, timeout), "read");
    if (error == websocket::error::closed) return std::nullopt;
    // The close frame arrived, but the server cut the connection before our reply
    // went out: Beast 1.81's teardown reads at most one chunk of what the peer was
    // still sending (a message over the limit, say) before it closes the socket.
    if (impl_->ws.reason().code != websocket::close_code::none) return std::nullopt;
    if (error) throw std::runtime_error("read failed: " + error.message());
    return beast::buffers_to_string(buffer.data());
}

int WsClient::close_code() const { return impl_->ws.reason().code; }

std::string WsClient::close_reason() const {
    return std::string(impl_->ws.reason().reason.data(), impl_->ws.reason().reason.size());
}

void WsClient::close() {
    expect_success(impl_->run([&](auto handler) {
        impl_->ws.async_close(websocket::close_code::normal, handler);
    }),
                   "close");
}

struct LineClient::Impl {
    asio::io_context io;
    tcp::socket socket{io};
    std::string buffer;  // read but not yet returned
    bool ended = false;  // by the server

    template <typename Start>
    std::optional<error_code> run(Start start, std::chrono::milliseconds timeout = io_timeout) {
        return run_bounded(io, socket, timeout, start);
    }
};

LineClient::LineClient(const std::string& address, LineClientOptions options)
    : impl_(std::make_unique<Impl>()) {
    auto endpoint = parse_address(address);
    tcp::socket& socket = impl_->socket;
    socket.open(endpoint.protocol());
    socket.set_option(tcp::no_delay(true));
    if (options.receive_buffer_bytes > 0) {
        socket.set_option(asio::socket_base::receive_buffer_size(options.receive_buffer_bytes));
    }
    expect_success(impl_->run([&](auto handler) { socket.async_connect(endpoint, handler); }),
                   "connect");
}

LineClient::~LineClient() = default;

void LineClient::write(std::string_view bytes) {
    expect_success(impl_->run([&](auto handler) {
        asio::async_write(impl_->socket, asio::buffer(bytes.data(), bytes.size()), handler);
    }),
                   "write");
}

std::optional<std::string> LineClient::read_line(std::chrono::milliseconds timeout) {
    if (impl_->ended) return std::nullopt;
    std::size_t length = 0;
    error_code error = expect_done(impl_->run(
                                       [&](auto handler) {
                                           asio::async_read_until(
                                               impl_->socket, asio::dynamic_buffer(impl_->buffer),
                                               '\n', [&, handler](error_code e, std::size_t n) {
                                                   length = n;
                                                   handler(e, n);
                                               });
                                       },
                                       timeout),
                                   "read line");
    if (error == asio::error::eof || error == asio::error::connection_reset) {
        impl_->ended = true;
        impl_->socket.close();
        return std::nullopt;
    }
    if (error) throw std::runtime_error("read line failed: " + error.message());
    std::string line = impl_->buffer.substr(0, length);
    impl_->buffer.erase(0, length);
    return line;
}

bool LineClient::closed_by_server(std::chrono::milliseconds timeout) {
    if (impl_->ended) return true;
    return read_until_closed(*impl_, impl_->socket, timeout);
}

}  // namespace parley::net::testing
