#include "app/dispatcher.hpp"

#include <stdexcept>
#include <vector>

namespace parley::app {

namespace {
std::size_t index_of(core::Protocol protocol) { return static_cast<std::size_t>(protocol); }
}  // namespace

Dispatcher::Dispatcher(net::Shards& shards) : shards_(shards) {}

void Dispatcher::add_wire(core::Protocol protocol, const core::Wire& wire) {
    wires_[index_of(protocol)] = &wire;
}

const core::Wire& Dispatcher::wire(core::Protocol protocol) const {
    const auto* wire = wires_[index_of(protocol)];
    if (wire == nullptr) throw std::logic_error("no wire registered for a protocol in use");
    return *wire;
}

void Dispatcher::attach(core::ConnId conn, core::Protocol protocol) {
    protocols_[conn] = protocol;
}

void Dispatcher::detach(core::ConnId conn) { protocols_.erase(conn); }

std::optional<core::Protocol> Dispatcher::protocol_of(core::ConnId conn) const {
    auto it = protocols_.find(conn);
    if (it == protocols_.end()) return std::nullopt;
    return it->second;
}

void Dispatcher::ready(core::ConnId conn, const core::Answer& ready) {
    auto protocol = protocol_of(conn);
    if (!protocol) return;
    auto frame = net::make_frame(wire(*protocol).answer({}, ready));
    shards_.post(net::Shards::shard_of(conn), [this, conn, frame] {
        if (auto* connection = shards_.find(conn)) {
            connection->set_authenticated();
            connection->send(frame);
        }
    });
}

void Dispatcher::answer(core::ConnId conn, std::string_view tag, const core::Answer& answer) {
    auto protocol = protocol_of(conn);
    if (!protocol) return;
    auto frame = net::make_frame(wire(*protocol).answer(tag, answer));
    shards_.post(net::Shards::shard_of(conn), [this, conn, frame] {
        if (auto* connection = shards_.find(conn)) connection->send(frame);
    });
}

void Dispatcher::error(core::ConnId conn, core::Protocol protocol, std::string_view tag,
                       const core::Error& error, std::optional<core::CloseReason> close) {
    auto frame = net::make_frame(wire(protocol).error(tag, error));
    int code = close ? wire(protocol).close_code(*close) : 0;
    std::string reason = close ? error.message : std::string{};
    shards_.post(net::Shards::shard_of(conn), [this, conn, frame, code, reason] {
        auto* connection = shards_.find(conn);
        if (connection == nullptr) return;
        connection->send(frame);
        if (code != 0) connection->close(code, reason);
    });
}

void Dispatcher::dispatch(const core::Effects& effects) {
    for (const auto& delivery : effects.deliveries) deliver(delivery);
    for (const auto& closing : effects.closings) {
        auto protocol = protocol_of(closing.conn);
        if (!protocol) continue;
        int code = wire(*protocol).close_code(closing.reason);
        detach(closing.conn);
        std::string why = closing.reason == core::CloseReason::banned ? "banned" : "session ended";
        shards_.post(net::Shards::shard_of(closing.conn), [this, conn = closing.conn, code, why] {
            if (auto* connection = shards_.find(conn)) connection->close(code, why);
        });
    }
}

void Dispatcher::deliver(const core::Delivery& delivery) {
    // Encode at most once per protocol; then one task per shard carries the
    // shared frame and that shard's recipients.
    std::array<net::Frame, 2> frames{};
    std::vector<std::vector<std::pair<core::ConnId, net::Frame>>> per_shard(shards_.size());
    for (core::ConnId conn : delivery.to) {
        auto protocol = protocol_of(conn);
        if (!protocol) continue;
        auto& frame = frames[index_of(*protocol)];
        if (!frame) frame = net::make_frame(wire(*protocol).event(*delivery.event));
        per_shard[net::Shards::shard_of(conn) % shards_.size()].emplace_back(conn, frame);
    }
    for (std::size_t shard = 0; shard < per_shard.size(); ++shard) {
        if (per_shard[shard].empty()) continue;
        shards_.post(shard, [this, batch = std::move(per_shard[shard])] {
            for (const auto& [conn, frame] : batch) {
                if (auto* connection = shards_.find(conn)) connection->send(frame);
            }
        });
    }
}

}  // namespace parley::app
