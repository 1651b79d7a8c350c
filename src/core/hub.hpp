#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/commands.hpp"
#include "core/effects.hpp"
#include "core/rate_limiter.hpp"

namespace parley::core {

struct HubOptions {
    bool limits = true;
    RateLimit messages{.per_second = 5.0, .burst = 20.0};  // per user, rooms and DMs together
};

// Everything the Hub needs at start-up, read from the store.
struct HubSnapshot {
    std::vector<User> users;
    std::vector<Room> rooms;
    std::vector<std::pair<std::string, UserId>> memberships;
    std::vector<std::pair<std::string, UserId>> room_bans;
    std::vector<std::tuple<std::string, UserId, RoomRole>> room_roles;  // operators and voiced
    std::vector<std::pair<UserId, UserId>> blocks;  // blocker, blocked
    MessageId last_message_id = 0;
    TimeMs last_message_ts = 0;
    std::vector<StoredFile> files;
};

// The chat state machine: who is connected, who is in which room, who blocks
// whom. It takes commands as values and returns effects; it does no I/O and
// reads no clock, so every outcome is decided by its arguments. One thread at a time.
class Hub {
public:
    explicit Hub(HubOptions options = {});

    void load(const HubSnapshot& snapshot);

    // Connections. `session` names the sign-in (the token's hash) so that
    // ending it closes exactly its connections. The Ready answer lists who is
    // online unless `online` says the client never shows it (IRC): with
    // thousands signing in at once, those copies are most of the work.
    enum class OnlineList { include, omit };
    Outcome connect(ConnId conn, const User& user, std::string session, TimeMs now,
                    OnlineList online = OnlineList::include);
    Effects disconnect(ConnId conn);
    // Admin powers for this connection alone (an adapter checked operator credentials).
    void grant_operator(ConnId conn);
    Outcome handle(ConnId conn, const Command& command, TimeMs now);

    // Accounts, after the store has made the change durable.
    Effects user_registered(const User& user);  // also a member of general
    Effects user_changed(const User& user);     // profile or role
    Effects end_session(std::string_view session);
    Effects end_sessions_of(UserId user, std::optional<std::string_view> keep_session);
    Effects user_deleted(UserId user);
    Effects user_banned(UserId user, std::string reason);  // from the command line or an admin
    void user_unbanned(UserId user);
    // A file is stored and its row committed: its uploader may attach it now.
    void file_added(const StoredFile& file);

    // Reads for the HTTP side.
    std::optional<User> find_user(UserId user) const;
    std::vector<User> online_users() const;
    std::vector<User> all_users() const;
    // Every room with its member count; secret rooms only when `viewer` is a member or an admin.
    std::vector<RoomSummary> rooms(std::optional<UserId> viewer = std::nullopt) const;
    Result<HistoryQuery> room_history(UserId viewer, std::string_view room,
                                      std::optional<MessageId> before, int limit,
                                      std::optional<MessageId> after = std::nullopt) const;
    bool is_online(UserId user) const;
    // An account's name, or an online guest's nick (IRC guests need a free one).
    bool name_in_use(std::string_view name) const;
    std::optional<UserId> user_of(ConnId conn) const;

private:
    struct UserState {
        User user;
        std::vector<ConnId> conns;
        std::unordered_set<UserId> blocks;  // users this user doesn't want to hear
        TokenBucket messages;
    };
    struct RoomState {
        Room room;
        std::set<UserId> members;
        std::unordered_set<UserId> bans;
        std::unordered_map<UserId, RoomRole> roles;  // operators and voiced; others are members
        std::unordered_set<UserId> invited;  // may join past the key and limit once (not stored)
    };
    struct ConnState {
        UserId user = 0;
        std::string session;
        bool operator_granted = false;  // IRC OPER: admin powers on this connection only
        std::vector<std::string> watching;  // MONITOR list, lowercase names as given
    };
    struct Caller {
        ConnId conn;
        UserState& state;
        bool admin = false;  // an admin, or granted admin powers on this connection (OPER)
    };

    // Command handlers (hub_rooms.cpp, hub_people.cpp, hub_moderation.cpp).
    Outcome on(Caller caller, const cmd::Join& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Leave& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Send& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Typing& c, TimeMs now);
    Outcome on(Caller caller, const cmd::History& c, TimeMs now);
    Outcome on(Caller caller, const cmd::SendDm& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Block& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Unblock& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Kick& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Ban& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Unban& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Conversations& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Members& c, TimeMs now);
    Outcome on(Caller caller, const cmd::ListRooms& c, TimeMs now);
    Outcome on(Caller caller, const cmd::WhoIs& c, TimeMs now);
    Outcome on(Caller caller, const cmd::SetDisplayName& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Invite& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Monitor& c, TimeMs now);
    Outcome on(Caller caller, const cmd::ListBlocks& c, TimeMs now);
    Outcome on(Caller caller, const cmd::SetTopic& c, TimeMs now);
    Outcome on(Caller caller, const cmd::SetRoomModes& c, TimeMs now);
    Outcome on(Caller caller, const cmd::SetRoomRole& c, TimeMs now);
    Outcome on(Caller caller, const cmd::Stats& c, TimeMs now);

    // Helpers shared by the handlers (hub.cpp).
    User view(const UserState& state) const;
    UserState* live_user(UserId user);
    const UserState* live_user(UserId user) const;
    // By id, or by username (any letter case) when the id is 0.
    UserState* target(UserId user, std::string_view name);
    void index_name(const User& user);
    RoomState* find_room(std::string_view room);
    // The room's member list with roles, as joiners and NAMES see it.
    answer::Joined member_list(const RoomState& room) const;
    // A user's standing in a room: admins are operators everywhere.
    RoomRole role_in(const RoomState& room, const UserState& user) const;
    bool operates(const RoomState& room, const Caller& caller) const;
    // forbidden when a non-admin moves against an admin.
    Status shields_admin(const Caller& caller, const UserState& target) const;
    // Rooms a viewer may know of: secret rooms only for members and admins.
    bool visible(const RoomState& room, std::optional<UserId> viewer) const;
    // Connections of the room's members, minus `except`, minus members blocking `sender`.
    std::vector<ConnId> room_audience(const RoomState& room, std::optional<UserId> sender,
                                      ConnId except) const;
    std::vector<ConnId> user_audience(const UserState& user, ConnId except) const;
    std::vector<ConnId> everyone(ConnId except = 0) const;
    // A message with the next id, or rate_limited when the sender is too fast.
    Result<Message> new_message(UserState& sender, std::string text, TimeMs now);
    // Acknowledged to the sender once stored; delivered to `audience` then too.
    Outcome posted(Message message, std::vector<ConnId> audience);
    // The text and attachments of a new message (hub_files.cpp): the files must
    // be the sender's own; with at least one, the text may be empty.
    Status check_content(std::string_view text, const std::vector<FileId>& files,
                         UserId sender) const;
    std::vector<Attachment> attachments_of(const std::vector<FileId>& files) const;
    // A plain leave also tells the leaver's other connections; a kick doesn't,
    // since the kicked user is told with a Kicked event instead.
    Effects remove_from_room(RoomState& room, UserId user, ConnId except,
                             std::optional<UserId> kicked_by = std::nullopt);
    Effects guest_left(UserState& guest);
    // Makes `next` the room's topic and settings, stored and told to its members.
    Outcome change_room(RoomState& room, const Caller& caller, Room next);
    Effects close_connections(UserState& user, CloseReason reason,
                              std::optional<std::string_view> keep_session);

    HubOptions options_;
    std::unordered_map<UserId, UserState> users_;
    std::map<std::string, RoomState, std::less<>> rooms_;
    std::unordered_map<ConnId, ConnState> conns_;
    std::unordered_map<std::string, UserId> ids_by_name_;  // lowercase username
    // Lowercase name → connections watching it (MONITOR), so a name can be watched
    // before its account exists.
    std::unordered_map<std::string, std::set<ConnId>> watchers_;
    std::vector<ConnId> watchers_of(const User& user) const;
    std::unordered_map<FileId, StoredFile> files_;
    MessageId last_message_id_ = 0;
    TimeMs last_message_ts_ = 0;
};

}  // namespace parley::core
