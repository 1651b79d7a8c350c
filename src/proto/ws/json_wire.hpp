#pragma once

#include "core/service.hpp"

namespace parley::proto::ws {

// How events and answers look on /api/v1/ws.
class JsonWire final : public core::Wire {
public:
    std::string event(const core::Event& event, unsigned variant) const override;
    std::string farewell(core::CloseReason reason) const override;
    std::string answer(std::string_view tag, const core::Answer& answer) const override;
    std::string error(std::string_view tag, const core::Error& error) const override;
    int close_code(core::CloseReason reason) const override;
};

}  // namespace parley::proto::ws
