#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/commands.hpp"
#include "core/result.hpp"

// The JSON protocol of /api/v1/ws: client frames in, core commands out.
namespace parley::proto::ws {

struct AuthFrame {
    std::string tag;
    std::string token;
};

struct CommandFrame {
    std::string tag;  // the frame's "id", serialized as JSON so it is echoed exactly
    core::Command command;
};

// A frame that can't be understood; the tag is kept when it could be read so
// the error still answers the right request.
struct BadFrame {
    std::string tag;
    core::Error error;
};

using ClientFrame = std::variant<AuthFrame, CommandFrame, BadFrame>;

ClientFrame decode(std::string_view text);

}  // namespace parley::proto::ws
