// The layer under Beast's WebSocket stream; internal to net.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "net/frame.hpp"

namespace parley::net::detail {

// Where the corked stream's writes go: the connection's own queue.
class CorkedOutput {
public:
    // Queues bytes exactly as given (already framed) behind what is queued.
    virtual void write_raw(Frame bytes) = 0;
    // Runs `then` once everything queued is on the wire (or the connection broke).
    virtual void when_drained(std::function<void()> then) = 0;

protected:
    ~CorkedOutput() = default;
};

// Beast writes the upgrade response, pongs, pings and the close frame through
// this layer. They join the connection's queue, behind the data frames the
// session queued itself (framed once per event and shared by every
// recipient), so a write of Beast's can never land inside one of ours, and
// everything leaves in gathered writes. Reads go straight to the stream below.
template <class Inner>
class CorkedStream {
public:
    using next_layer_type = Inner;
    using executor_type = typename Inner::executor_type;

    CorkedStream(Inner inner, CorkedOutput& output)
        : inner_(std::move(inner)), output_(&output) {}

    executor_type get_executor() { return inner_.get_executor(); }
    Inner& next_layer() { return inner_; }
    const Inner& next_layer() const { return inner_; }

    template <class Buffers, class Token>
    auto async_read_some(const Buffers& buffers, Token&& token) {
        return inner_.async_read_some(buffers, std::forward<Token>(token));
    }

    // Completes at once: the bytes are queued, and the queue keeps its own cap.
    template <class Buffers, class Token>
    auto async_write_some(const Buffers& buffers, Token&& token) {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [this](auto handler, const Buffers& source) {
                std::string bytes(boost::asio::buffer_size(source), '\0');
                boost::asio::buffer_copy(boost::asio::buffer(bytes), source);
                std::size_t size = bytes.size();
                output_->write_raw(make_frame(std::move(bytes)));
                auto executor = boost::asio::get_associated_executor(handler, get_executor());
                boost::asio::post(executor, [handler = std::move(handler), size]() mutable {
                    std::move(handler)(boost::system::error_code{}, size);
                });
            },
            token, buffers);
    }

    friend void teardown(boost::beast::role_type role, CorkedStream& stream,
                         boost::system::error_code& error) {
        using boost::beast::websocket::teardown;
        teardown(role, stream.inner_, error);
    }

    // The close frame must be on the wire before the connection is shut.
    template <class Handler>
    friend void async_teardown(boost::beast::role_type role, CorkedStream& stream,
                               Handler&& handler) {
        auto shared = std::make_shared<std::decay_t<Handler>>(std::forward<Handler>(handler));
        stream.output_->when_drained([&stream, role, shared] {
            using boost::beast::websocket::async_teardown;
            async_teardown(role, stream.inner_, std::move(*shared));
        });
    }

private:
    Inner inner_;
    CorkedOutput* output_;
};

}  // namespace parley::net::detail
