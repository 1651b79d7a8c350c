#include "proto/irc/casemapping.hpp"

#include "core/validation.hpp"

namespace parley::proto::irc {

std::string fold(std::string_view name) { return core::lowercase_ascii(name); }

bool is_channel(std::string_view target) { return !target.empty() && target.front() == '#'; }

std::optional<std::string> room_of_channel(std::string_view channel) {
    if (!is_channel(channel)) return std::nullopt;
    auto room = fold(channel.substr(1));
    if (!core::validate_room_name(room).ok()) return std::nullopt;
    return room;
}

std::string channel_of_room(std::string_view room) { return "#" + std::string(room); }

}  // namespace parley::proto::irc
