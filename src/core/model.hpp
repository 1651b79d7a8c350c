#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace parley::core {

using UserId = std::int64_t;
using MessageId = std::int64_t;
using FileId = std::int64_t;
// Milliseconds since the Unix epoch, UTC. Time always arrives as an argument.
using TimeMs = std::int64_t;
// One open connection (a WebSocket, later an IRC client). The high bits name the
// shard that owns it, so effects can be routed without a lookup table.
using ConnId = std::uint64_t;

enum class Role { member, admin };

struct User {
    UserId id = 0;
    std::string username;
    std::string display_name;
    std::string first_name;
    std::string last_name;
    std::optional<std::string> avatar_url;
    Role role = Role::member;
    bool banned = false;   // banned from the whole server
    bool deleted = false;  // tombstone: the row stays so ids and names are never reused
    bool guest = false;    // an IRC guest: no account, no password, gone when disconnected
    bool online = false;   // filled in by the Hub on copies it hands out; never stored
};

struct Attachment {
    FileId id = 0;
    std::string name;
    std::int64_t size = 0;
    std::string content_type;
    std::string url;
};

// An uploaded file as the Hub knows it: enough to check who may attach it.
struct StoredFile {
    Attachment file;
    UserId owner = 0;
};

inline constexpr std::size_t max_attachments = 10;

struct Message {
    MessageId id = 0;
    std::optional<std::string> room;  // set for a room message
    UserId from = 0;
    std::optional<UserId> to;  // set for a direct message
    std::string text;
    TimeMs ts = 0;
    std::vector<Attachment> attachments;
};

// A room's settings, which its operators change (IRC channel modes).
struct RoomModes {
    bool topic_locked = true;  // +t: only operators set the topic
    bool moderated = false;    // +m: only operators and voiced members speak
    bool secret = false;       // +s: hidden from room lists for non-members
    bool invite_only = false;  // +i: only invited users (and admins) join
    std::string key;           // +k: needed to join; empty for none
    int limit = 0;             // +l: at most this many members; 0 for no limit

    bool operator==(const RoomModes&) const = default;
};

struct Room {
    std::string name;
    std::string topic;
    RoomModes modes;
    std::string topic_by;  // username of whoever set the topic last
    TimeMs topic_at = 0;
};

// A member's standing in one room. Admins are operators in every room.
enum class RoomRole { member, voice, op };

struct RoomSummary {
    Room room;
    std::int64_t members = 0;
};

// One page of history, returned oldest first: the newest `limit` messages
// older than `before`, or, with `after`, the oldest `limit` messages newer than
// it (catching up after a reconnect). Messages sent by users the viewer blocks
// are left out.
struct HistoryQuery {
    std::optional<std::string> room;                   // a room's history, or
    std::optional<std::pair<UserId, UserId>> between;  // a direct conversation
    std::optional<MessageId> before;
    int limit = 50;
    UserId viewer = 0;
    std::optional<MessageId> after;
    // Only messages sent before / after these times (ms), as well.
    std::optional<TimeMs> before_ts;
    std::optional<TimeMs> after_ts;
};

// The last message of each of the viewer's direct conversations, newest first.
struct ConversationsQuery {
    UserId viewer = 0;
    int limit = 100;
};

inline constexpr const char* general_room = "general";

}  // namespace parley::core
