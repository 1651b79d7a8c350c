#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/effects.hpp"
#include "core/service.hpp"
#include "net/shards.hpp"

namespace parley::app {

// Carries the Hub's answers and effects to connections: encodes each event
// once per protocol and variant, groups recipients by shard, and posts one
// task per shard with the shared bytes. Used from the Hub's thread only.
class Dispatcher {
public:
    explicit Dispatcher(net::Shards& shards);

    // A protocol whose answers are encoded here too (WebSocket).
    void add_wire(core::Protocol protocol, const core::Wire& wire);
    // A protocol whose adapter renders its own answers (IRC).
    void add_event_wire(core::Protocol protocol, const core::EventWire& wire);

    void attach(core::ConnId conn, core::Protocol protocol, unsigned variant = 0);
    void set_variant(core::ConnId conn, unsigned variant);
    void detach(core::ConnId conn);
    std::optional<core::Protocol> protocol_of(core::ConnId conn) const;

    // The sign-in answer; also stops the connection's authentication timer.
    void ready(core::ConnId conn, const core::Answer& ready);
    void answer(core::ConnId conn, std::string_view tag, const core::Answer& answer);
    // An error answer in the given protocol, optionally closing the connection after it.
    void error(core::ConnId conn, core::Protocol protocol, std::string_view tag,
               const core::Error& error, std::optional<core::CloseReason> close = std::nullopt);
    // Marks the connection signed in (stops its sign-in timer) on its shard.
    void authenticated(core::ConnId conn);
    void dispatch(const core::Effects& effects);

private:
    struct Attached {
        core::Protocol protocol;
        unsigned variant;
    };

    const core::Wire& answer_wire(core::Protocol protocol) const;
    const core::EventWire& event_wire(core::Protocol protocol) const;
    void deliver(const core::Delivery& delivery);
    void close(core::ConnId conn, core::Protocol protocol, core::CloseReason reason);

    net::Shards& shards_;
    std::array<const core::Wire*, 2> answer_wires_{};
    std::array<const core::EventWire*, 2> event_wires_{};
    std::unordered_map<core::ConnId, Attached> attached_;
};

}  // namespace parley::app
