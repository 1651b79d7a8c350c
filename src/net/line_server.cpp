#include "net/line_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "net/line_server_state.hpp"
#include "net/line_session.hpp"
#include "net/listener.hpp"

namespace parley::net {

struct LineServer::Impl {
    std::shared_ptr<detail::LineServerState> state;
    std::unique_ptr<detail::Listener> listener;
};

LineServer::LineServer(Shards& shards, LineHandler& handler, LineServerOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->state = std::make_shared<detail::LineServerState>(shards, handler, std::move(options));
    const LineServerOptions& opts = impl_->state->options;
    impl_->listener = std::make_unique<detail::Listener>(impl_->state, opts.host, opts.port);
}

LineServer::~LineServer() { stop(); }

std::string LineServer::local_address() const { return impl_->listener->local_address(); }

void LineServer::start() {
    impl_->listener->start([state = impl_->state](std::size_t shard,
                                                  boost::asio::ip::tcp::socket socket,
                                                  detail::ConnectionSlot slot, PeerInfo peer) {
        detail::start_line_session(state, shard, std::move(socket), std::move(slot),
                                   std::move(peer));
    });
}

void LineServer::stop() { impl_->listener->stop(); }

WriteStats LineServer::stats() const { return impl_->state->counters.totals(); }

}  // namespace parley::net
