#include "net/http_server.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>
#include <string>

#include "net/http_session.hpp"
#include "net/server_state.hpp"
#include "net/shard_internals.hpp"

namespace parley::net {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace detail {

ServerState::ServerState(Shards& shards_, HttpHandler& http_, WsHandler& ws_,
                         ServerOptions options_)
    : shards(shards_),
      http(http_),
      ws(ws_),
      options(std::move(options_)),
      auth_timeout_frame(
          options.auth_timeout_frame.empty() ? nullptr : make_frame(options.auth_timeout_frame)),
      sessions_(shards_.size()) {}

void ServerState::warn(std::string_view line) const {
    if (options.log) options.log(line);
}

bool ServerState::acquire(const std::string& address) {
    std::lock_guard lock(mutex_);
    std::size_t& count = per_address_[address];
    std::size_t cap = options.max_connections_per_address;
    if (cap != 0 && count >= cap) {
        if (count == 0) per_address_.erase(address);
        return false;
    }
    ++count;
    ++live_;
    return true;
}

void ServerState::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto found = per_address_.find(address);
    if (found != per_address_.end() && --found->second == 0) per_address_.erase(found);
    if (--live_ == 0) drained_.notify_all();
}

void ServerState::wait_drained(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    drained_.wait_for(lock, timeout, [this] { return live_ == 0; });
}

}  // namespace detail

namespace {

using detail::ServerState;
using detail::ShardAccess;

constexpr std::chrono::milliseconds accept_retry_delay{100};

std::string format_endpoint(const tcp::endpoint& endpoint) {
    std::string address = endpoint.address().to_string();
    if (endpoint.address().is_v6()) address = "[" + address + "]";
    return address + ":" + std::to_string(endpoint.port());
}

tcp::endpoint resolve(const std::string& host, std::uint16_t port) {
    boost::system::error_code error;
    auto address = asio::ip::make_address(host, error);
    if (!error) return {address, port};
    asio::io_context context;
    tcp::resolver resolver(context);
    auto results = resolver.resolve(host, std::to_string(port), error);
    if (error) throw boost::system::system_error(error);
    if (results.empty()) throw std::runtime_error("no address for " + host);
    return results.begin()->endpoint();
}

void listen(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
}

// Out of file descriptors, for instance: wait a little instead of spinning.
asio::awaitable<void> pause_after_error(ServerState& state, tcp::acceptor& acceptor,
                                        const boost::system::error_code& error) {
    state.warn("event=accept_failed error=\"" + error.message() + "\"");
    asio::steady_timer timer(acceptor.get_executor(), accept_retry_delay);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

// Runs on shard 0, which owns the acceptor; each socket is accepted straight onto
// the io_context of the shard that will serve it.
asio::awaitable<void> accept_loop(std::shared_ptr<ServerState> state,
                                  std::shared_ptr<tcp::acceptor> acceptor) {
    std::size_t next_shard = 0;
    while (acceptor->is_open()) {
        std::size_t shard = next_shard;
        auto [error, socket] = co_await acceptor->async_accept(
            ShardAccess::context(state->shards, shard), asio::as_tuple(asio::use_awaitable));
        if (error == asio::error::operation_aborted || state->stopping) co_return;
        if (error) {
            co_await pause_after_error(*state, *acceptor, error);
            continue;
        }
        next_shard = (next_shard + 1) % state->shards.size();
        detail::start_http_session(state, shard, std::move(socket));
    }
}

}  // namespace

struct HttpServer::Impl {
    std::shared_ptr<ServerState> state;
    // Held apart from the state: it belongs to shard 0, the sessions to any shard.
    std::shared_ptr<tcp::acceptor> acceptor;
    tcp::endpoint endpoint;
    std::atomic<bool> started{false};
};

HttpServer::HttpServer(Shards& shards, HttpHandler& http, WsHandler& ws, ServerOptions options)
    : impl_(std::make_unique<Impl>()) {
    std::string where = options.host + ":" + std::to_string(options.port);
    impl_->state = std::make_shared<ServerState>(shards, http, ws, std::move(options));
    impl_->acceptor = std::make_shared<tcp::acceptor>(ShardAccess::context(shards, 0));
    try {
        const ServerOptions& opts = impl_->state->options;
        listen(*impl_->acceptor, resolve(opts.host, opts.port));
        impl_->endpoint = impl_->acceptor->local_endpoint();
    } catch (const std::exception& error) {
        throw std::runtime_error("cannot listen on " + where + ": " + error.what());
    }
}

HttpServer::~HttpServer() { stop(); }

std::string HttpServer::local_address() const { return format_endpoint(impl_->endpoint); }

void HttpServer::start() {
    if (impl_->started.exchange(true) || impl_->state->stopping) return;
    asio::co_spawn(ShardAccess::context(impl_->state->shards, 0),
                   accept_loop(impl_->state, impl_->acceptor), asio::detached);
}

void HttpServer::stop() {
    auto state = impl_->state;
    if (state->stopping.exchange(true)) return;
    Shards& shards = state->shards;
    shards.post(0, [acceptor = impl_->acceptor] {
        boost::system::error_code ignored;
        acceptor->close(ignored);
    });
    for (std::size_t shard = 0; shard < shards.size(); ++shard) {
        shards.post(shard, [state, shard] {
            // A session leaves the set when it ends; walk a copy to be safe from that.
            auto sessions = state->sessions(shard);
            for (detail::Session* session : sessions) session->shutdown();
        });
    }
    // A shard thread cannot wait for the sessions it runs itself.
    if (!ShardAccess::running(shards) || ShardAccess::in_shard_thread(shards)) return;
    state->wait_drained(detail::shutdown_grace + std::chrono::milliseconds(1000));
}

}  // namespace parley::net
