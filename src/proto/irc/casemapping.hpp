#pragma once

#include <optional>
#include <string>
#include <string_view>

// IRC names of Parley's users and rooms. Nicks are usernames
// ([A-Za-z][A-Za-z0-9_-]*) and channels are '#' + a room name
// ([a-z0-9][a-z0-9_-]*): all ASCII, so the server folds case the way
// CASEMAPPING=ascii says, and never the rfc1459 way ("[]\~" as "{}|^"),
// which no Parley name can contain.
namespace parley::proto::irc {

// ISUPPORT tokens describing exactly what this file implements.
inline constexpr std::string_view casemapping_token = "CASEMAPPING=ascii";
inline constexpr std::string_view chantypes_token = "CHANTYPES=#";

// A-Z to a-z; every other byte as it is. Compare nicks and channels folded.
std::string fold(std::string_view name);

// Parley has one channel type, '#'.
bool is_channel(std::string_view target);

// "#General" gives "general"; nullopt when the folded name after '#' is not a
// valid room name (core::validate_room_name) or `channel` is not a channel.
std::optional<std::string> room_of_channel(std::string_view channel);

// "general" gives "#general".
std::string channel_of_room(std::string_view room);

}  // namespace parley::proto::irc
