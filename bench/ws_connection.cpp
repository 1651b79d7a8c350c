#include "ws_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>

namespace parley::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string describe(const error_code& error) {
    if (error == websocket::error::closed) return "closed by the server";
    return error.message();
}

}  // namespace

struct WsConnection::Impl {
    explicit Impl(asio::any_io_executor executor) : ws(std::move(executor)) {}

    websocket::stream<beast::tcp_stream> ws;
    beast::flat_buffer buffer;
    std::deque<std::string> queue;
    bool writing = false;
    bool ended = false;
    FrameHandler on_frame;
    EndHandler on_end;

    void end(std::string why) {
        if (ended) return;
        ended = true;  // the writer drops what is queued once its write returns
        if (on_end) on_end(why);
    }

    std::string close_reason() const {
        const auto& reason = ws.reason();
        std::string text = "closed by the server, code " + std::to_string(reason.code);
        if (!reason.reason.empty()) text += " \"" + std::string(reason.reason.c_str()) + "\"";
        return text;
    }

    static asio::awaitable<void> read_loop(std::shared_ptr<Impl> self) {
        for (;;) {
            auto [error, bytes] = co_await self->ws.async_read(self->buffer, use_tuple);
            if (error) {
                self->end(error == websocket::error::closed ? self->close_reason()
                                                            : describe(error));
                co_return;
            }
            auto data = self->buffer.cdata();
            self->on_frame(std::string_view(static_cast<const char*>(data.data()), data.size()));
            self->buffer.consume(self->buffer.size());
        }
    }

    static asio::awaitable<void> write_loop(std::shared_ptr<Impl> self) {
        while (!self->queue.empty() && !self->ended) {
            auto [error, bytes] =
                co_await self->ws.async_write(asio::buffer(self->queue.front()), use_tuple);
            if (error) {
                self->end("write failed: " + describe(error));
                break;
            }
            self->queue.pop_front();
        }
        if (self->ended) self->queue.clear();
        self->writing = false;
    }
};

WsConnection::WsConnection(asio::any_io_executor executor)
    : impl_(std::make_shared<Impl>(std::move(executor))) {}

WsConnection::~WsConnection() = default;

asio::any_io_executor WsConnection::executor() const { return impl_->ws.get_executor(); }

asio::awaitable<void> WsConnection::open(std::uint16_t port, unsigned source_host,
                                         std::chrono::milliseconds deadline) {
    auto& tcp = beast::get_lowest_layer(impl_->ws);
    tcp.expires_after(deadline);
    // Many connections from one address would share its ~28,000 ephemeral ports.
    tcp.socket().open(asio::ip::tcp::v4());
    tcp.socket().bind(
        asio::ip::tcp::endpoint(asio::ip::address_v4((127u << 24) | (source_host & 0xffu)), 0));
    asio::ip::tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
    co_await tcp.async_connect(endpoint, asio::use_awaitable);
    tcp.socket().set_option(asio::ip::tcp::no_delay(true));
    impl_->ws.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
        request.set(beast::http::field::user_agent, "parley-ws-bench");
    }));
    impl_->ws.read_message_max(1024 * 1024);
    co_await impl_->ws.async_handshake("127.0.0.1:" + std::to_string(port), "/api/v1/ws",
                                       asio::use_awaitable);
    impl_->ws.text(true);
}

asio::awaitable<void> WsConnection::write_one(std::string text) {
    co_await impl_->ws.async_write(asio::buffer(text), asio::use_awaitable);
}

asio::awaitable<std::string> WsConnection::read_one() {
    impl_->buffer.clear();
    co_await impl_->ws.async_read(impl_->buffer, asio::use_awaitable);
    std::string frame = beast::buffers_to_string(impl_->buffer.cdata());
    impl_->buffer.clear();
    co_return frame;
}

void WsConnection::start(FrameHandler on_frame, EndHandler on_end) {
    impl_->on_frame = std::move(on_frame);
    impl_->on_end = std::move(on_end);
    beast::get_lowest_layer(impl_->ws).expires_never();
    asio::co_spawn(impl_->ws.get_executor(), Impl::read_loop(impl_), asio::detached);
}

void WsConnection::close() {
    impl_->end("closed by the bench");
    beast::get_lowest_layer(impl_->ws).close();
}

void WsConnection::send(std::string text) {
    if (impl_->ended) return;
    impl_->queue.push_back(std::move(text));
    if (impl_->writing) return;
    impl_->writing = true;
    asio::co_spawn(impl_->ws.get_executor(), Impl::write_loop(impl_), asio::detached);
}

}  // namespace parley::bench
