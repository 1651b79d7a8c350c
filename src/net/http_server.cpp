#include "net/http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "net/http_session.hpp"
#include "net/listener.hpp"
#include "net/server_state.hpp"

namespace parley::net {

namespace detail {

ServerState::ServerState(Shards& shards_, HttpHandler& http_, WsHandler& ws_,
                         ServerOptions options_)
    : ListenerState(shards_, options_.max_connections_per_address, options_.log, options_.tls),
      http(http_),
      ws(ws_),
      options(std::move(options_)),
      auth_timeout_frame(
          options.auth_timeout_frame.empty() ? nullptr : make_frame(options.auth_timeout_frame)) {}

}  // namespace detail

struct HttpServer::Impl {
    std::shared_ptr<detail::ServerState> state;
    std::unique_ptr<detail::Listener> listener;
};

HttpServer::HttpServer(Shards& shards, HttpHandler& http, WsHandler& ws, ServerOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->state = std::make_shared<detail::ServerState>(shards, http, ws, std::move(options));
    const ServerOptions& opts = impl_->state->options;
    impl_->listener = std::make_unique<detail::Listener>(impl_->state, opts.host, opts.port);
}

HttpServer::~HttpServer() { stop(); }

WriteStats HttpServer::websocket_stats() const { return impl_->state->counters.totals(); }

std::string HttpServer::local_address() const { return impl_->listener->local_address(); }

void HttpServer::start() {
    impl_->listener->start([state = impl_->state](std::size_t shard,
                                                  boost::asio::ip::tcp::socket socket,
                                                  detail::ConnectionSlot slot, PeerInfo peer) {
        detail::start_http_session(state, shard, std::move(socket), std::move(slot),
                                   std::move(peer));
    });
}

void HttpServer::stop() { impl_->listener->stop(); }

}  // namespace parley::net
