#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model.hpp"

namespace parley::core {

// What a connected user asks the Hub to do, as plain values. Each protocol
// adapter parses its own syntax into these; `required_role` is checked once,
// in Hub::handle, before any handler runs.
namespace cmd {

struct Join {
    static constexpr Role required_role = Role::member;
    std::string room;
};
struct Leave {
    static constexpr Role required_role = Role::member;
    std::string room;
};
struct Send {
    static constexpr Role required_role = Role::member;
    std::string room;
    std::string text;
    std::vector<FileId> attachments;
};
// Commands that name a user take an id, or, when the id is 0, a username
// (IRC names people by nick, and a nick is a username).
struct SendDm {
    static constexpr Role required_role = Role::member;
    UserId to = 0;
    std::string text;
    std::string to_name;
    std::vector<FileId> attachments;
};
struct History {
    static constexpr Role required_role = Role::member;
    std::optional<std::string> room;
    std::optional<UserId> with;
    std::optional<MessageId> before;
    int limit = 50;
    std::optional<MessageId> after;
    std::string with_name;  // the other user by username, when `with` is not given
};
struct Conversations {
    static constexpr Role required_role = Role::member;
};
struct Typing {
    static constexpr Role required_role = Role::member;
    std::string room;
};
struct Block {
    static constexpr Role required_role = Role::member;
    UserId user = 0;
    std::string user_name;
};
struct Unblock {
    static constexpr Role required_role = Role::member;
    UserId user = 0;
    std::string user_name;
};
// The caller's block list (IRC SILENCE), answered as Monitored's `online` users.
struct ListBlocks {
    static constexpr Role required_role = Role::member;
};
struct Kick {
    static constexpr Role required_role = Role::admin;
    std::string room;
    UserId user = 0;
    std::string reason;
    std::string user_name;
};
struct Ban {
    static constexpr Role required_role = Role::admin;
    UserId user = 0;
    std::optional<std::string> room;  // none: banned from the whole server
    std::string reason;
    std::string user_name;
};
struct Unban {
    static constexpr Role required_role = Role::admin;
    UserId user = 0;
    std::optional<std::string> room;
    std::string user_name;
};
// A room's members without joining it (IRC NAMES and WHO); answered as Joined
// with no history.
struct Members {
    static constexpr Role required_role = Role::member;
    std::string room;
};
// Tells a user about a room (rooms are open, so an invitation is a pointer, not a key).
struct Invite {
    static constexpr Role required_role = Role::member;
    std::string room;
    UserId user = 0;
    std::string user_name;
};
// Watch people come and go without sharing a room (IRC MONITOR).
struct Monitor {
    static constexpr Role required_role = Role::member;
    enum class Action { add, remove, clear, list, status };
    Action action = Action::status;
    std::vector<std::string> names;
};
inline constexpr std::size_t max_monitored = 100;

// The caller's display name (IRC SETNAME); everyone sees a `user` event.
struct SetDisplayName {
    static constexpr Role required_role = Role::member;
    std::string display_name;
};
// Every room with its member count (IRC LIST).
struct ListRooms {
    static constexpr Role required_role = Role::member;
};
// A user by id or name, with the rooms they are in (IRC WHOIS).
struct WhoIs {
    static constexpr Role required_role = Role::member;
    UserId user = 0;
    std::string user_name;
};

}  // namespace cmd

using Command = std::variant<cmd::Join, cmd::Leave, cmd::Send, cmd::SendDm, cmd::History,
                             cmd::Typing, cmd::Block, cmd::Unblock, cmd::Kick, cmd::Ban,
                             cmd::Unban, cmd::Conversations, cmd::Members, cmd::ListRooms,
                             cmd::WhoIs, cmd::SetDisplayName, cmd::Invite, cmd::Monitor,
                             cmd::ListBlocks>;

inline constexpr int max_history_limit = 100;
inline constexpr int join_history_limit = 50;

}  // namespace parley::core
