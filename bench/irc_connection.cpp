#include "irc_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace parley::bench {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t initial_buffer = 4096;  // grows only for a longer line
constexpr std::size_t max_line = 16 * 1024;     // far above IRC's 8191 with tags

}  // namespace

struct IrcConnection::Impl {
    explicit Impl(asio::any_io_executor executor) : socket(executor), deadline(executor) {}

    tcp::socket socket;
    asio::steady_timer deadline;
    // Received bytes are input[consumed, filled); never zero-filled again once allocated.
    std::vector<char> input = std::vector<char>(initial_buffer);
    std::size_t consumed = 0;
    std::size_t filled = 0;
    std::string pending;  // queued for the next write
    std::string writing;  // being written
    bool write_running = false;
    bool ended = false;
    LineHandler on_line;
    EndHandler on_end;

    void end(std::string why) {
        if (ended) return;
        ended = true;
        boost::system::error_code ignored;
        socket.close(ignored);
        if (on_end) on_end(why);
    }

    void queue(std::string_view line) {
        if (ended) return;
        pending.append(line).append("\r\n");
    }

    // The next complete line in `input`, or false.
    bool next_line(std::string_view& line) {
        const char* start = input.data() + consumed;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', filled - consumed));
        if (newline == nullptr) {
            std::memmove(input.data(), start, filled - consumed);
            filled -= consumed;
            consumed = 0;
            return false;
        }
        const char* end = newline;
        if (end > start && end[-1] == '\r') --end;
        line = std::string_view(start, static_cast<std::size_t>(end - start));
        consumed = static_cast<std::size_t>(newline - input.data()) + 1;
        return true;
    }

    // PING is answered before anyone sees it; true when `line` was one.
    bool answer_ping(std::string_view line) {
        if (line.substr(0, 5) != "PING ") return false;
        queue("PONG " + std::string(line.substr(5)));
        return true;
    }

    asio::awaitable<std::size_t> fill() {
        if (filled == input.size()) {
            if (input.size() >= max_line) throw std::runtime_error("line too long");
            input.resize(input.size() * 2);
        }
        auto [error, bytes] = co_await socket.async_read_some(
            asio::buffer(input.data() + filled, input.size() - filled), use_tuple);
        filled += bytes;
        if (error) throw boost::system::system_error(error);
        co_return bytes;
    }

    static asio::awaitable<void> read_loop(std::shared_ptr<Impl> self) {
        try {
            for (;;) {
                std::string_view line;
                while (!self->ended && self->next_line(line)) {
                    if (!self->answer_ping(line)) self->on_line(line);
                }
                self->flush(self);
                if (self->ended) co_return;
                co_await self->fill();
            }
        } catch (const boost::system::system_error& error) {
            self->end(error.code() == asio::error::eof ? "closed by the server"
                                                       : error.code().message());
        } catch (const std::exception& error) {
            self->end(error.what());
        }
    }

    static void flush(const std::shared_ptr<Impl>& self) {
        if (self->write_running || self->pending.empty() || self->ended) return;
        self->write_running = true;
        asio::co_spawn(self->socket.get_executor(), write_loop(self), asio::detached);
    }

    static asio::awaitable<void> write_loop(std::shared_ptr<Impl> self) {
        while (!self->pending.empty() && !self->ended) {
            self->writing.clear();
            self->writing.swap(self->pending);
            auto [error, bytes] =
                co_await asio::async_write(self->socket, asio::buffer(self->writing), use_tuple);
            if (error) {
                self->end("write failed: " + error.message());
                break;
            }
        }
        self->write_running = false;
    }
};

IrcConnection::IrcConnection(asio::any_io_executor executor)
    : impl_(std::make_shared<Impl>(std::move(executor))) {}

IrcConnection::~IrcConnection() {
    impl_->ended = true;
    boost::system::error_code ignored;
    impl_->socket.close(ignored);
}

asio::any_io_executor IrcConnection::executor() const { return impl_->socket.get_executor(); }

asio::awaitable<void> IrcConnection::open(std::uint16_t port, unsigned source_host,
                                          std::chrono::milliseconds deadline) {
    impl_->deadline.expires_after(deadline);
    impl_->deadline.async_wait([impl = std::weak_ptr<Impl>(impl_)](boost::system::error_code e) {
        auto self = impl.lock();
        if (!e && self) {
            boost::system::error_code ignored;
            self->socket.close(ignored);  // the set-up's pending read or connect fails
        }
    });
    auto& socket = impl_->socket;
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(asio::ip::address_v4((127u << 24) | (source_host & 0xffu)), 0));
    co_await socket.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port),
                                  asio::use_awaitable);
    socket.set_option(tcp::no_delay(true));
}

asio::awaitable<std::string> IrcConnection::read_line() {
    for (;;) {
        std::string_view line;
        while (impl_->next_line(line)) {
            if (!impl_->answer_ping(line)) {
                std::string copy(line);
                Impl::flush(impl_);
                co_return copy;
            }
        }
        Impl::flush(impl_);
        co_await impl_->fill();
    }
}

void IrcConnection::start(LineHandler on_line, EndHandler on_end) {
    impl_->on_line = std::move(on_line);
    impl_->on_end = std::move(on_end);
    impl_->deadline.cancel();
    asio::co_spawn(impl_->socket.get_executor(), Impl::read_loop(impl_), asio::detached);
}

void IrcConnection::close() { impl_->end("closed by the bench"); }

void IrcConnection::send(std::string_view line) {
    impl_->queue(line);
    Impl::flush(impl_);
}

}  // namespace parley::bench
