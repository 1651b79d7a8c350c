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
    std::string key;  // the room's key, when it has one
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
    // Bounds by time (IRC CHATHISTORY timestamp references), on top of the ids.
    std::optional<TimeMs> before_ts;
    std::optional<TimeMs> after_ts;
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
    static constexpr Role required_role = Role::member;  // room operators too: checked in the handler
    std::string room;
    UserId user = 0;
    std::string reason;
    std::string user_name;
};
struct Ban {
    static constexpr Role required_role = Role::member;  // room operators too: checked in the handler
    UserId user = 0;
    std::optional<std::string> room;  // none: banned from the whole server
    std::string reason;
    std::string user_name;
};
struct Unban {
    static constexpr Role required_role = Role::member;  // room operators too: checked in the handler
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
// How many people, connections and rooms the server has (IRC LUSERS).
struct Stats {
    static constexpr Role required_role = Role::member;
};
// A user by id or name, with the rooms they are in (IRC WHOIS).
struct WhoIs {
    static constexpr Role required_role = Role::member;
    UserId user = 0;
    std::string user_name;
};

// Room settings, for the room's operators (and admins). A locked topic
// (the default) is for operators only; otherwise any member may set it.
struct SetTopic {
    static constexpr Role required_role = Role::member;
    std::string room;
    std::string topic;
};
// Only the fields given change.
struct SetRoomModes {
    static constexpr Role required_role = Role::member;
    std::string room;
    std::optional<bool> topic_locked;
    std::optional<bool> moderated;
    std::optional<bool> secret;
    std::optional<bool> invite_only;
    std::optional<std::string> key;  // empty removes the key
    std::optional<int> limit;        // 0 removes the limit
};
// Make a member an operator or voiced in one room, or a plain member again.
// IRC's +o/+v/-o/-v grant or take back one standing: granting voice leaves an
// operator an operator, and taking back what the member doesn't have changes nothing.
struct SetRoomRole {
    static constexpr Role required_role = Role::member;
    enum class Change { exact, grant, revoke };
    std::string room;
    UserId user = 0;
    RoomRole role = RoomRole::member;
    std::string user_name;
    Change change = Change::exact;
};

}  // namespace cmd

using Command = std::variant<cmd::Join, cmd::Leave, cmd::Send, cmd::SendDm, cmd::History,
                             cmd::Typing, cmd::Block, cmd::Unblock, cmd::Kick, cmd::Ban,
                             cmd::Unban, cmd::Conversations, cmd::Members, cmd::ListRooms,
                             cmd::WhoIs, cmd::SetDisplayName, cmd::Invite, cmd::Monitor,
                             cmd::ListBlocks, cmd::SetTopic, cmd::SetRoomModes, cmd::SetRoomRole,
                             cmd::Stats>;

inline constexpr int max_history_limit = 100;
inline constexpr int join_history_limit = 50;
inline constexpr std::size_t max_topic_bytes = 390;
inline constexpr std::size_t max_room_key_bytes = 23;

}  // namespace parley::core
