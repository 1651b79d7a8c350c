// A TCP connection with or without TLS on top, chosen when it is accepted, so that each
// session is written once for both; internal to net.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>
#include <variant>

namespace parley::net::detail {

inline void close_quietly(boost::beast::tcp_stream& stream) { stream.close(); }

inline void close_quietly(boost::asio::ip::tcp::socket& socket) {
    boost::system::error_code ignored;
    socket.close(ignored);
}

// The peer closed TCP without TLS's close_notify: as ordinary as an end of stream.
inline bool is_truncated(const boost::system::error_code& error) {
    return error == boost::asio::ssl::error::stream_truncated;
}

// NextLayer is boost::beast::tcp_stream (HTTP, WebSocket) or tcp::socket (IRC). The TLS
// state lives on the heap only for TLS connections; a plain one costs nothing more.
template <class NextLayer>
class MaybeTlsStream {
public:
    using next_layer_type = NextLayer;
    using executor_type = typename NextLayer::executor_type;

    explicit MaybeTlsStream(NextLayer next)
        : stream_(std::in_place_type<NextLayer>, std::move(next)) {}
    // The context is kept for as long as the connection: a reload does not pull it away.
    MaybeTlsStream(NextLayer next, std::shared_ptr<boost::asio::ssl::context> context)
        : context_(std::move(context)),
          stream_(std::in_place_type<Tls>, std::move(next), *context_) {}

    bool is_tls() const { return std::holds_alternative<Tls>(stream_); }
    executor_type get_executor() { return next_layer().get_executor(); }

    NextLayer& next_layer() {
        if (auto* tls = std::get_if<Tls>(&stream_)) return tls->next_layer();
        return std::get<NextLayer>(stream_);
    }

    // Plain: nothing to do. TLS: the server's handshake, cut off after `timeout` so a
    // silent client cannot hold a connection slot.
    boost::asio::awaitable<boost::system::error_code> handshake(
        std::chrono::steady_clock::duration timeout) {
        auto* tls = std::get_if<Tls>(&stream_);
        if (!tls) co_return boost::system::error_code{};
        // Shared with the timer's handler, which may run after this frame is gone.
        auto finished = std::make_shared<bool>(false);
        auto timed_out = std::make_shared<bool>(false);
        boost::asio::steady_timer timer(get_executor(), timeout);
        timer.async_wait([this, finished, timed_out](boost::system::error_code error) {
            if (error || *finished) return;
            *timed_out = true;
            close_quietly(next_layer());
        });
        auto [error] =
            co_await tls->async_handshake(boost::asio::ssl::stream_base::server,
                                          boost::asio::as_tuple(boost::asio::use_awaitable));
        *finished = true;
        timer.cancel();
        if (*timed_out) co_return boost::beast::error::timeout;
        co_return error;
    }

    template <class Buffers, class Token>
    auto async_read_some(const Buffers& buffers, Token&& token) {
        return start(buffers, std::forward<Token>(token),
                     [](auto& stream, const Buffers& target, auto handler) {
                         stream.async_read_some(target, std::move(handler));
                     });
    }

    template <class Buffers, class Token>
    auto async_write_some(const Buffers& buffers, Token&& token) {
        return start(buffers, std::forward<Token>(token),
                     [](auto& stream, const Buffers& source, auto handler) {
                         stream.async_write_some(source, std::move(handler));
                     });
    }

    // How a WebSocket closes the connection under it (found by Beast through ADL).
    friend void teardown(boost::beast::role_type role, MaybeTlsStream& stream,
                         boost::system::error_code& error) {
        std::visit(
            [&](auto& inner) {
                using boost::beast::websocket::teardown;
                teardown(role, inner, error);
            },
            stream.stream_);
    }

    template <class Handler>
    friend void async_teardown(boost::beast::role_type role, MaybeTlsStream& stream,
                               Handler&& handler) {
        using boost::beast::websocket::async_teardown;
        if (auto* tls = std::get_if<Tls>(&stream.stream_)) {
            async_teardown(role, *tls, std::forward<Handler>(handler));
        } else {
            async_teardown(role, std::get<NextLayer>(stream.stream_),
                           std::forward<Handler>(handler));
        }
    }

private:
    using Tls = boost::beast::ssl_stream<NextLayer>;

    // Starts `operation` on whichever stream this connection has.
    template <class Buffers, class Token, class Operation>
    auto start(const Buffers& buffers, Token&& token, Operation operation) {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [this, operation](auto handler, const Buffers& data) {
                std::visit([&](auto& stream) { operation(stream, data, std::move(handler)); },
                           stream_);
            },
            token, buffers);
    }

    std::shared_ptr<boost::asio::ssl::context> context_;  // null for a plain connection
    std::variant<NextLayer, Tls> stream_;
};

}  // namespace parley::net::detail
