#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model.hpp"

namespace parley::core {

// What the Hub tells connections. Protocol-neutral: each adapter encodes an
// event once and the same bytes go to every recipient.
namespace event {

struct MessagePosted {
    Message message;
};
struct Joined {
    std::string room;
    User user;
};
struct Left {
    std::string room;
    UserId user = 0;
    std::optional<std::string> reason;  // "kicked" (also for a room ban); none for a plain leave
    std::optional<UserId> by;           // who kicked
};
struct Typing {
    std::string room;
    UserId user = 0;
};
struct Kicked {
    std::string room;
    UserId by = 0;
    std::string reason;
    bool banned = false;  // also banned from the room: can't rejoin
    UserId user = 0;      // who was kicked (the recipient)
};
struct Banned {
    std::string reason;
};
struct Presence {
    User user;
    bool online = false;
};
struct UserChanged {
    User user;
};
struct Invited {
    std::string room;
    UserId by = 0;
    UserId user = 0;  // who is invited (the recipient)
};
// Someone invited `user` to a room the recipients are in (IRC invite-notify).
struct InviteNotice {
    std::string room;
    UserId by = 0;
    UserId user = 0;
};
// The topic or settings of a room changed (to all its members, the changer too).
struct RoomChanged {
    Room room;                // as it is now
    std::string old_topic;    // as they were, so each protocol can say what changed
    RoomModes old_modes;
    std::string by;           // username of whoever changed it (IRC names people)
    UserId by_id = 0;         // and their id (the WebSocket's `by` elsewhere is an id)
};
// A member became an operator, voiced, or a plain member again (to all members).
struct RoleChanged {
    std::string room;
    User user;
    RoomRole role = RoomRole::member;
    RoomRole old_role = RoomRole::member;
    std::string by;  // username
    UserId by_id = 0;
};
// A watched user came online or went offline (to the connections watching them).
struct Watched {
    User user;
    bool online = false;
};

}  // namespace event

using Event = std::variant<event::MessagePosted, event::Joined, event::Left, event::Typing,
                           event::Kicked, event::Banned, event::Presence, event::UserChanged,
                           event::Invited, event::Watched, event::InviteNotice,
                           event::RoomChanged, event::RoleChanged>;

// Why the Hub ends a connection; each protocol maps it to its own close code.
enum class CloseReason { session_ended, banned };

// Answers to the connection that asked.
namespace answer {

struct Done {};
struct Ready {
    User user;
    std::vector<std::string> rooms;
    std::vector<User> online;
    std::vector<UserId> blocked;
};
struct Joined {
    Room room;
    std::vector<User> members;
    std::vector<Message> history;  // filled from the store after the join is committed
    std::map<UserId, RoomRole> roles;  // operators and voiced members; admins are operators
    std::vector<User> bans;  // who is banned from the room: for its operators (Members) only
};
struct Posted {
    Message message;
};
struct History {
    std::vector<Message> messages;
    std::map<UserId, std::string> names;  // senders' usernames, for protocols that name people
};
struct Conversation {
    User user;
    Message last_message;
};
struct Conversations {
    std::vector<Conversation> conversations;  // filled from the store, newest first
};

struct Rooms {
    std::vector<RoomSummary> rooms;
};
struct Profile {
    User user;
    std::vector<std::string> rooms;
};
struct Monitored {
    std::vector<User> online;          // watched (or just added) users who are online
    std::vector<std::string> offline;  // the others, as named
    bool full = false;                 // some names were not added: the list is full
};

struct Stats {
    std::int64_t accounts = 0;     // not deleted
    std::int64_t online = 0;       // people with a connection open
    std::int64_t admins_online = 0;
    std::int64_t connections = 0;
    std::int64_t rooms = 0;        // that the asker may know of
};

}  // namespace answer

using Answer = std::variant<answer::Done, answer::Ready, answer::Joined, answer::Posted,
                            answer::History, answer::Conversations, answer::Rooms,
                            answer::Profile, answer::Monitored, answer::Stats>;

}  // namespace parley::core
