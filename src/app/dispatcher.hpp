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
// once per protocol, groups recipients by shard, and posts one task per shard
// with the shared bytes. Used from the Hub's thread only.
class Dispatcher {
public:
    explicit Dispatcher(net::Shards& shards);

    void add_wire(core::Protocol protocol, const core::Wire& wire);

    void attach(core::ConnId conn, core::Protocol protocol);
    void detach(core::ConnId conn);
    std::optional<core::Protocol> protocol_of(core::ConnId conn) const;

    // The sign-in answer; also stops the connection's authentication timer.
    void ready(core::ConnId conn, const core::Answer& ready);
    void answer(core::ConnId conn, std::string_view tag, const core::Answer& answer);
    // An error answer in the given protocol, optionally closing the connection after it.
    void error(core::ConnId conn, core::Protocol protocol, std::string_view tag,
               const core::Error& error, std::optional<core::CloseReason> close = std::nullopt);
    void dispatch(const core::Effects& effects);

private:
    const core::Wire& wire(core::Protocol protocol) const;
    void deliver(const core::Delivery& delivery);

    net::Shards& shards_;
    std::array<const core::Wire*, 2> wires_{};
    std::unordered_map<core::ConnId, core::Protocol> protocols_;
};

}  // namespace parley::app
