#include "app/dispatcher.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

namespace parley::app {

namespace {
std::size_t index_of(core::Protocol protocol) { return static_cast<std::size_t>(protocol); }
}  // namespace

Dispatcher::Dispatcher(net::Shards& shards) : shards_(shards) {}

void Dispatcher::add_wire(core::Protocol protocol, const core::Wire& wire) {
    answer_wires_[index_of(protocol)] = &wire;
    event_wires_[index_of(protocol)] = &wire;
}

void Dispatcher::add_event_wire(core::Protocol protocol, const core::EventWire& wire) {
    event_wires_[index_of(protocol)] = &wire;
}

const core::Wire& Dispatcher::answer_wire(core::Protocol protocol) const {
    const auto* wire = answer_wires_[index_of(protocol)];
    if (wire == nullptr) throw std::logic_error("this protocol renders its own answers");
    return *wire;
}

const core::EventWire& Dispatcher::event_wire(core::Protocol protocol) const {
    const auto* wire = event_wires_[index_of(protocol)];
    if (wire == nullptr) throw std::logic_error("no wire registered for a protocol in use");
    return *wire;
}

void Dispatcher::attach(core::ConnId conn, core::Protocol protocol, unsigned variant) {
    attached_[conn] = Attached{protocol, variant};
}

void Dispatcher::set_variant(core::ConnId conn, unsigned variant) {
    if (auto it = attached_.find(conn); it != attached_.end()) it->second.variant = variant;
}

void Dispatcher::detach(core::ConnId conn) { attached_.erase(conn); }

std::optional<core::Protocol> Dispatcher::protocol_of(core::ConnId conn) const {
    auto it = attached_.find(conn);
    if (it == attached_.end()) return std::nullopt;
    return it->second.protocol;
}

void Dispatcher::ready(core::ConnId conn, const core::Answer& ready) {
    authenticated(conn);
    answer(conn, {}, ready);
}

void Dispatcher::authenticated(core::ConnId conn) {
    shards_.post(net::Shards::shard_of(conn), [this, conn] {
        if (auto* connection = shards_.find(conn)) connection->set_authenticated();
    });
}

void Dispatcher::answer(core::ConnId conn, std::string_view tag, const core::Answer& answer) {
    auto protocol = protocol_of(conn);
    if (!protocol) return;
    auto frame = net::make_frame(answer_wire(*protocol).answer(tag, answer));
    shards_.post(net::Shards::shard_of(conn), [this, conn, frame] {
        if (auto* connection = shards_.find(conn)) connection->send(frame);
    });
}

void Dispatcher::error(core::ConnId conn, core::Protocol protocol, std::string_view tag,
                       const core::Error& error, std::optional<core::CloseReason> close) {
    auto frame = net::make_frame(answer_wire(protocol).error(tag, error));
    int code = close ? event_wire(protocol).close_code(*close) : 0;
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
        detach(closing.conn);
        close(closing.conn, *protocol, closing.reason);
    }
}

void Dispatcher::close(core::ConnId conn, core::Protocol protocol, core::CloseReason reason) {
    const auto& wire = event_wire(protocol);
    std::string last_words = wire.farewell(reason);
    auto frame = last_words.empty() ? net::Frame{} : net::make_frame(std::move(last_words));
    int code = wire.close_code(reason);
    std::string why = reason == core::CloseReason::banned ? "banned" : "session ended";
    shards_.post(net::Shards::shard_of(conn), [this, conn, frame, code, why] {
        auto* connection = shards_.find(conn);
        if (connection == nullptr) return;
        if (frame) connection->send(frame);
        connection->close(code, why);
    });
}

void Dispatcher::deliver(const core::Delivery& delivery) {
    // Encode at most once per protocol and variant; then one task per shard
    // carries the shared frames and that shard's recipients.
    struct Encoding {
        core::Protocol protocol;
        unsigned variant;
        net::Frame frame;
    };
    auto frames = std::make_shared<std::vector<Encoding>>();
    // Per shard: its recipients, each with the index of its encoding.
    std::vector<std::vector<std::pair<core::ConnId, std::uint32_t>>> per_shard(shards_.size());
    for (core::ConnId conn : delivery.to) {
        auto it = attached_.find(conn);
        if (it == attached_.end()) continue;
        const auto [protocol, variant] = it->second;
        auto encoding = std::find_if(frames->begin(), frames->end(), [&](const Encoding& e) {
            return e.protocol == protocol && e.variant == variant;
        });
        if (encoding == frames->end()) {
            auto bytes = event_wire(protocol).event(*delivery.event, variant);
            frames->push_back({protocol, variant, net::make_frame(std::move(bytes))});
            encoding = frames->end() - 1;
        }
        if (encoding->frame->empty()) continue;  // nothing this kind of client is shown
        auto index = static_cast<std::uint32_t>(encoding - frames->begin());
        per_shard[net::Shards::shard_of(conn) % shards_.size()].emplace_back(conn, index);
    }
    for (std::size_t shard = 0; shard < per_shard.size(); ++shard) {
        if (per_shard[shard].empty()) continue;
        shards_.post(shard, [this, frames, to = std::move(per_shard[shard])] {
            for (const auto& [conn, index] : to) {
                if (auto* connection = shards_.find(conn)) connection->send((*frames)[index].frame);
            }
        });
    }
}

}  // namespace parley::app
