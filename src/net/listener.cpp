#include "net/listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>
#include <string>

#include "net/shard_internals.hpp"

namespace parley::net::detail {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

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
asio::awaitable<void> pause_after_error(ListenerState& state, tcp::acceptor& acceptor,
                                        const boost::system::error_code& error) {
    state.warn("event=accept_failed error=\"" + error.message() + "\"");
    asio::steady_timer timer(acceptor.get_executor(), accept_retry_delay);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

void admit(const std::shared_ptr<ListenerState>& state, std::size_t shard, tcp::socket socket,
           const Listener::Serve& serve) {
    PeerInfo peer{peer_address(socket)};
    if (!state->acquire(peer.address)) {
        state->warn("event=connection_refused reason=too_many_connections address=" + peer.address);
        return;  // the socket closes as it goes out of scope
    }
    ConnectionSlot slot(state, peer.address);
    serve(shard, std::move(socket), std::move(slot), std::move(peer));
}

// Runs on shard 0, which owns the acceptor.
asio::awaitable<void> accept_loop(std::shared_ptr<ListenerState> state,
                                  std::shared_ptr<tcp::acceptor> acceptor, Listener::Serve serve) {
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
        admit(state, shard, std::move(socket), serve);
    }
}

}  // namespace

std::string peer_address(const tcp::socket& socket) {
    boost::system::error_code error;
    auto address = socket.remote_endpoint(error).address();
    if (error) return {};
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
    }
    return address.to_string();
}

Listener::Listener(std::shared_ptr<ListenerState> state, const std::string& host,
                   std::uint16_t port)
    : state_(std::move(state)),
      acceptor_(std::make_shared<tcp::acceptor>(ShardAccess::context(state_->shards, 0))) {
    try {
        listen(*acceptor_, resolve(host, port));
        endpoint_ = acceptor_->local_endpoint();
    } catch (const std::exception& error) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 error.what());
    }
}

std::string Listener::local_address() const { return format_endpoint(endpoint_); }

void Listener::start(Serve serve) {
    if (started_.exchange(true) || state_->stopping) return;
    asio::co_spawn(ShardAccess::context(state_->shards, 0),
                   accept_loop(state_, acceptor_, std::move(serve)), asio::detached);
}

void Listener::stop() {
    auto state = state_;
    if (state->stopping.exchange(true)) return;
    Shards& shards = state->shards;
    shards.post(0, [acceptor = acceptor_] {
        boost::system::error_code ignored;
        acceptor->close(ignored);
    });
    for (std::size_t shard = 0; shard < shards.size(); ++shard) {
        shards.post(shard, [state, shard] {
            // A session leaves the set when it ends; walk a copy to be safe from that.
            auto sessions = state->sessions(shard);
            for (Session* session : sessions) session->shutdown();
        });
    }
    // A shard thread cannot wait for the sessions it runs itself.
    if (!ShardAccess::running(shards) || ShardAccess::in_shard_thread(shards)) return;
    state->wait_drained(shutdown_grace + std::chrono::milliseconds(1000));
}

}  // namespace parley::net::detail
