#pragma once

// Channel modes as IRC spells them, over Parley's room settings: +t +m +s +k +l
// are the room's modes, +o and +v its operators and voiced members, +b its bans,
// and +n is always on (only members ever speak in a room).
#include <optional>
#include <variant>
#include <string>
#include <vector>

#include "core/commands.hpp"
#include "core/model.hpp"

namespace parley::proto::irc {

// "+ntk" and its parameters, as RPL_CHANNELMODEIS gives them.
std::vector<std::string> mode_params(const core::RoomModes& modes);

// What changed between two settings, e.g. {"+m-k", "oldkey"}; empty when nothing did.
std::vector<std::string> mode_change_params(const core::RoomModes& before,
                                            const core::RoomModes& after);

// The MODE line for a change of role, e.g. {"-o+v", "nick", "nick"}.
std::vector<std::string> role_change_params(core::RoomRole before, core::RoomRole after,
                                            const std::string& nick);

// "@", "+" or "" in NAMES and WHO.
std::string_view role_prefix(core::RoomRole role);

struct RoleChange {
    std::string nick;
    core::RoomRole role = core::RoomRole::op;  // op for o, voice for v
    bool add = true;
};
struct BanChange {
    bool add = true;
    std::string mask;
};
// One MODE command taken apart. Parley keeps one role per member: +v leaves an
// operator an operator, and -o makes a plain member.
struct ModeRequest {
    core::cmd::SetRoomModes settings;  // room left empty; set by the caller
    bool changes_settings = false;
    std::vector<RoleChange> roles;
    std::vector<BanChange> bans;
    bool list_bans = false;  // "+b" or "b" with no mask
};
struct ModeError {
    enum class Kind { unknown_mode, missing_parameter, invalid_parameter } kind;
    char mode = 0;
    std::string parameter;
};

// `args` are the parameters after the channel: a mode string, then its arguments.
// The changes taken are at most `max_with_parameter` that carry a parameter (ISUPPORT MODES).
std::variant<ModeRequest, ModeError> parse_mode_request(const std::vector<std::string>& args,
                                                        std::size_t max_with_parameter);

inline constexpr std::size_t max_modes_per_line = 4;

}  // namespace parley::proto::irc
