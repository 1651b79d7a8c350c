#pragma once

#include "core/service.hpp"
#include "net/handlers.hpp"
#include "net/shards.hpp"
#include "proto/ws/json_wire.hpp"

namespace parley::proto::ws {

// Turns WebSocket text frames into Service calls. Answers and events come
// back through the Service's dispatcher; only frames that never reach the
// Service (malformed, unknown) are answered here, on the connection's shard.
class Gateway final : public net::WsHandler {
public:
    Gateway(core::Service& service, net::Shards& shards);

    void on_open(std::shared_ptr<net::Connection> connection, const net::PeerInfo& peer) override;
    void on_text(net::ConnId connection, std::string text) override;
    void on_close(net::ConnId connection) override;

private:
    void reply_here(net::ConnId connection, const std::string& tag, const core::Error& error);

    core::Service& service_;
    net::Shards& shards_;
    JsonWire wire_;
};

}  // namespace parley::proto::ws
