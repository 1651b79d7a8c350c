#include "proto/ws/gateway.hpp"

#include "proto/ws/codec.hpp"

namespace parley::proto::ws {

Gateway::Gateway(core::Service& service, net::Shards& shards)
    : service_(service), shards_(shards) {}

void Gateway::on_open(std::shared_ptr<net::Connection> /*connection*/,
                      const net::PeerInfo& /*peer*/) {
    // Nothing to do until the auth frame: net holds the connection and its auth timer.
}

void Gateway::on_text(net::ConnId connection, std::string text) {
    auto frame = decode(text);
    if (auto* auth = std::get_if<AuthFrame>(&frame)) {
        // Tokens are 256 random bits: guessing one needs no rate limit by address.
        service_.connect(connection, core::Protocol::websocket,
                         core::Caller{std::move(auth->token), {}});
    } else if (auto* command = std::get_if<CommandFrame>(&frame)) {
        service_.command(connection, std::move(command->tag), std::move(command->command));
    } else {
        auto& bad = std::get<BadFrame>(frame);
        reply_here(connection, bad.tag, bad.error);
    }
}

void Gateway::on_close(net::ConnId connection) { service_.disconnect(connection); }

void Gateway::reply_here(net::ConnId connection, const std::string& tag,
                         const core::Error& error) {
    if (auto* conn = shards_.find(connection)) conn->send(net::make_frame(wire_.error(tag, error)));
}

}  // namespace parley::proto::ws
